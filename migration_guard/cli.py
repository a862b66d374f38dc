"""`migration-guard` command line.

Subcommands: `preview` (offline preview), `audit` (packs over exported state), `bench` (timing of the
offline preview), and the routes to `catalog refresh` and `docs`, which live in their own modules.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

EXIT_OK, EXIT_VIOLATIONS, EXIT_ERROR = 0, 1, 2
FORMAT_CHOICES = ["text", "json", "sarif", "junit", "markdown"]

# Subcommands implemented elsewhere: argv after the command word goes to `<module>.main(argv)`.
ROUTED_COMMANDS = {
    ("catalog", "refresh"): "migration_guard.catalog_refresh",
    ("docs",): "migration_guard.docs",
}


def _add_pack_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--policy-pack", dest="policy_packs", action="append", default=[], metavar="DIR",
                        help="policy pack directory (repeatable; default: the bundled policy-pack/)")
    parser.add_argument("--policy-pack-config", dest="policy_pack_configs", action="append", default=[],
                        metavar="FILE", help="JSON config for the pack at the same position (repeatable)")
    parser.add_argument("--format", choices=FORMAT_CHOICES, default="text", help="report format (default: text)")
    parser.add_argument("--output", metavar="FILE", help="write the report here instead of stdout")
    parser.add_argument("--pack-python", metavar="PYTHON",
                        help="start every pack with this interpreter instead of the one the Pulumi CLI would use")
    parser.add_argument("--policy-call-timeout", type=float, default=300.0, metavar="SECONDS",
                        help="deadline of each call to a pack (default: 300); 0 means none")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="migration-guard",
        description="MigrationGuard: CrossGuard policies for AWS migration stacks, checked offline.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    preview = commands.add_parser(
        "preview", help="run the program and the policy packs as `pulumi preview --policy-pack` would, offline",
    )
    preview.add_argument("--cwd", default=".", metavar="DIR", help="the Pulumi project directory (default: .)")
    preview.add_argument("--stack", "-s", default="dev", help="stack name (default: dev)")
    preview.add_argument("--config", "-c", action="append", default=[], metavar="KEY=VALUE",
                         help="stack config value (repeatable); overrides Pulumi.<stack>.yaml")
    _add_pack_options(preview)
    preview.add_argument("--invoke-results", metavar="FILE",
                         help="JSON results for invokes without a canned answer: {token: result}")
    preview.add_argument("--allow-unknown-invokes", action="store_true",
                         help="make unanswered invokes unknown instead of failing")
    preview.add_argument("--state", metavar="FILE",
                         help="preview an update of this `pulumi stack export`: old inputs for ignoreChanges, "
                              "deployed outputs for unchanged resources, deleted resources left out")
    preview.add_argument("--request-shape", choices=("engine", "offline"), default="engine",
                         help="engine (default): requests as `pulumi preview` builds them (Check defaults, tagsAll, "
                              "provider-computed outputs unknown); offline: the program's inputs as registered")

    audit = commands.add_parser("audit", help="run the policy packs over `pulumi stack export` JSON")
    audit.add_argument("--state", required=True, metavar="FILE", help="the exported state")
    _add_pack_options(audit)

    bench = commands.add_parser("bench", help="time the offline preview (min and median of N runs)")
    bench.add_argument("--cwd", default=".", metavar="DIR")
    bench.add_argument("--stack", default="dev")
    bench.add_argument("--repeat", "-n", type=int, default=5)
    bench.add_argument("--policy-pack", dest="policy_packs", action="append", default=[], metavar="DIR")

    commands.add_parser("catalog", help="engine-version catalog commands (catalog refresh ...)", add_help=False)
    commands.add_parser("docs", help="generate the policy documentation", add_help=False)
    return parser


def _route(argv: list[str]) -> int | None:
    for words, module_name in ROUTED_COMMANDS.items():
        if tuple(argv[: len(words)]) == words:
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as exc:
                if exc.name and module_name.startswith(exc.name):
                    print(f"error: `{' '.join(words)}` is not available: module {module_name} is not installed",
                          file=sys.stderr)
                    return EXIT_ERROR
                raise
            result = module.main(argv[len(words):])
            return int(result or 0)
    if argv[:1] == ["catalog"]:
        print("error: usage: migration-guard catalog refresh [...]", file=sys.stderr)
        return EXIT_ERROR
    return None


def _write(text: str, output: str | None) -> None:
    if output:
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as exc:
            from migration_guard.preview.model import PreviewError

            raise PreviewError(f"--output {output}: {exc.strerror}") from None
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def _error_report(command: str, project: str, stack: str, message: str, fmt: str, output: str | None) -> None:
    from migration_guard.preview.model import Report
    from migration_guard.preview.report import render

    if fmt == "text" and not output:
        return  # the message on stderr is the whole text report
    report = Report(command=command, project=project, stack=stack, resources=[], packs=[], violations=[],
                    unverifiable=[], remediations=[], errors=[message])
    _write(render(report, fmt), output)


def _run_preview(args: argparse.Namespace) -> int:
    from migration_guard.preview.engine import PreviewOptions, run_preview
    from migration_guard.preview.report import render

    options = PreviewOptions(
        cwd=Path(args.cwd),
        stack=args.stack,
        config=list(args.config),
        policy_packs=[Path(p) for p in args.policy_packs],
        policy_pack_configs=[Path(p) for p in args.policy_pack_configs],
        invoke_results=Path(args.invoke_results) if args.invoke_results else None,
        allow_unknown_invokes=args.allow_unknown_invokes,
        pack_python=args.pack_python,
        call_timeout=args.policy_call_timeout or None,
        request_shape=args.request_shape,
        state=Path(args.state) if args.state else None,
    )
    report = run_preview(options)
    _write(render(report, args.format), args.output)
    return report.exit_code()


def _run_audit(args: argparse.Namespace) -> int:
    from migration_guard.preview.engine import run_audit
    from migration_guard.preview.report import render

    report = run_audit(Path(args.state), [Path(p) for p in args.policy_packs],
                       [Path(p) for p in args.policy_pack_configs], pack_python=args.pack_python,
                       call_timeout=args.policy_call_timeout or None)
    _write(render(report, args.format), args.output)
    return report.exit_code()


def _run_bench(args: argparse.Namespace) -> int:
    from migration_guard.preview.bench import main as bench_main

    argv = ["--cwd", args.cwd, "--stack", args.stack, "--repeat", str(args.repeat)]
    for pack in args.policy_packs:
        argv += ["--policy-pack", pack]
    return bench_main(argv)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    routed = _route(arguments)
    if routed is not None:
        return routed
    parser = build_parser()
    args = parser.parse_args(arguments)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    from migration_guard.preview.model import PreviewError

    handlers = {"preview": _run_preview, "audit": _run_audit, "bench": _run_bench}
    try:
        return handlers[args.command](args)
    except PreviewError as exc:
        message = str(exc)
        print(f"error: {message}", file=sys.stderr)
        if args.command in ("preview", "audit"):
            project = Path(getattr(args, "cwd", ".")).resolve().name
            with contextlib.suppress(PreviewError):  # an unwritable --output was already reported
                _error_report(args.command, project, getattr(args, "stack", ""), message, args.format, args.output)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:  # noqa: BLE001 - one clear line instead of a traceback of our internals
        print(f"error: internal error in migration-guard: {type(exc).__name__}: {exc}", file=sys.stderr)
        if os.environ.get("MIGRATION_GUARD_DEBUG"):
            traceback.print_exc()
        else:
            print("(set MIGRATION_GUARD_DEBUG=1 to see the traceback)", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
