"""`migration-guard` command line.

Commands: `preview` (offline preview), `audit` (packs over exported state), `policies` (the policy
list), `schema` (JSON Schema of the --policy-pack-config file), `vendor` (copy the library into a pack
folder for `pulumi policy publish`), `bench` (timing of the offline preview), and the routes to
`catalog refresh` and `docs`, which live in their own modules.

Exit codes: 0 no mandatory violation (or --soft-fail), 1 at least one mandatory violation, 2 an error.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from migration_guard.commands.output import (
    FORMAT_CHOICES,
    STDOUT,
    Redactor,
    Target,
    clear_stale,
    error_report,
    parse_targets,
    use_color,
    write,
)

EXIT_OK, EXIT_VIOLATIONS, EXIT_ERROR = 0, 1, 2
EXIT_BROKEN_PIPE = 141  # as a shell reports a process ended by SIGPIPE
SEVERITIES = ("low", "medium", "high", "critical")
DOCS_URL_ENV = "MIGRATION_GUARD_DOCS_URL"

# Subcommands implemented elsewhere: argv after the command word goes to `<module>.main(argv)`.
ROUTED_COMMANDS = {
    ("catalog", "refresh"): "migration_guard.catalog_refresh",
    ("docs",): "migration_guard.docs",
    ("bench", "pack"): "migration_guard.testing.pack_bench",
}
OPTIONAL_DEPENDENCIES = {"boto3": "refresh", "botocore": "refresh"}


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("migration-guard")
    except PackageNotFoundError:
        return "0.0.0 (not installed)"


def _add_pack_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--policy-pack", dest="policy_packs", action="append", default=[], metavar="DIR",
                        help="policy pack directory (repeatable; default: the bundled aws-migration-guard pack)")
    parser.add_argument("--policy-pack-config", dest="policy_pack_configs", action="append", default=[],
                        metavar="FILE", help="JSON config for the pack at the same position (repeatable)")
    parser.add_argument("--pack-python", metavar="PYTHON",
                        help="start every pack with this interpreter instead of the one the Pulumi CLI would use")
    parser.add_argument("--policy-call-timeout", type=float, default=300.0, metavar="SECONDS",
                        help="deadline of each call to a pack (default: 300); 0 means none")


def _add_report_options(parser: argparse.ArgumentParser) -> None:
    reports = parser.add_argument_group("reports")
    reports.add_argument("--format", action="append", default=[], metavar="FMT[=PATH]",
                         help=f"report format, one of {', '.join(FORMAT_CHOICES)} (default: text); repeat with "
                              "=PATH for several reports in one run, e.g. --format sarif=policy.sarif "
                              "--format markdown=summary.md")
    reports.add_argument("--output", metavar="PATH",
                         help="where the report of the --format without =PATH goes (default and '-': stdout)")
    reports.add_argument("--docs-url", metavar="URL", default=os.environ.get(DOCS_URL_ENV, ""),
                         help="base URL of the policy reference (docs/policies.md) for SARIF helpUri links, "
                              f"e.g. https://github.com/ORG/REPO/blob/main/docs/policies.md (env {DOCS_URL_ENV})")
    reports.add_argument("--no-color", action="store_true",
                         help="no colour in the text report (colour is used only on a terminal and never "
                              "with NO_COLOR set)")
    reports.add_argument("--quiet", "-q", action="store_true",
                         help="text report: only decided violations and the result; no notes on stderr")
    choose = parser.add_argument_group("choosing findings")
    choose.add_argument("--policy", action="append", default=[], metavar="NAME",
                        help="report only these policies: a policy name, a family (encryption, secrets, ...) "
                             "or a Checkov id (CKV_AWS_16); repeatable or comma-separated")
    choose.add_argument("--skip-policy", action="append", default=[], metavar="NAME",
                        help="leave out these policies (names, families or Checkov ids, as --policy)")
    choose.add_argument("--severity-threshold", choices=SEVERITIES, metavar="SEVERITY",
                        help=f"leave out findings below this severity ({', '.join(SEVERITIES)})")
    choose.add_argument("--soft-fail", action="store_true",
                        help="report mandatory violations but exit 0 (errors still exit 2)")
    choose.add_argument("--create-baseline", metavar="FILE",
                        help="record this run's findings in FILE (after --policy/--severity-threshold)")
    choose.add_argument("--baseline", metavar="FILE",
                        help="report only findings that the baseline FILE does not record")


def _add_preview(commands: Any) -> None:
    preview = commands.add_parser(
        "preview", help="run the program and the policy packs as `pulumi preview --policy-pack` would, offline",
        description="Run a Pulumi Python program under the mock runtime and the policy packs over its "
                    "resources, as `pulumi preview --policy-pack` would, with no Pulumi CLI, cloud or network.",
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
    preview.add_argument("--strict-invokes", action="store_true",
                         help="answer no data source by assumption: stop at each one without a supplied or computed answer")
    preview.add_argument("--no-install", action="store_true",
                         help="never create the program's virtualenv; stop when it is missing")
    preview.add_argument("--state", metavar="FILE",
                         help="preview an update of this `pulumi stack export`: old inputs for ignoreChanges, "
                              "deployed outputs for unchanged resources, deleted resources left out")
    preview.add_argument("--request-shape", choices=("engine", "offline"), default="engine",
                         help="engine (default): requests as `pulumi preview` builds them (Check defaults, tagsAll, "
                              "provider-computed outputs unknown); offline: the program's inputs as registered")
    _add_report_options(preview)


def _add_audit(commands: Any) -> None:
    audit = commands.add_parser("audit", help="run the policy packs over `pulumi stack export` JSON",
                                description="Run the policy packs over a `pulumi stack export` file.")
    audit.add_argument("--state", required=True, metavar="FILE", help="the exported state")
    _add_pack_options(audit)
    _add_report_options(audit)


def _add_listing_commands(commands: Any) -> None:
    policies = commands.add_parser(
        "policies", help="list every policy: family, level, severity, Checkov and AWS Config equivalents",
        description="List the policies of the MigrationGuard library with their family, default level, "
                    "severity and the Checkov checks and AWS Config managed rules they correspond to.",
    )
    policies.add_argument("--format", choices=("text", "json", "markdown"), default="text",
                          help="listing format (default: text)")
    policies.add_argument("--policy", action="append", default=[], metavar="NAME",
                          help="only these: policy names, families or Checkov ids (repeatable or comma-separated)")
    policies.add_argument("--output", metavar="PATH", default=STDOUT, help="file to write (default and '-': stdout)")

    schema = commands.add_parser(
        "schema", help="print the JSON Schema of a pack's --policy-pack-config file (editor completion)",
        description="Generate a JSON Schema (draft 7) for the --policy-pack-config file from what the pack "
                    "declares: every policy, its levels and its settings.",
    )
    schema.add_argument("--policy-pack", metavar="DIR", help="the pack (default: the bundled pack)")
    schema.add_argument("--pack-python", metavar="PYTHON",
                        help="start the pack with this interpreter (default: the one the Pulumi CLI would use; "
                             "this one for the bundled pack)")
    schema.add_argument("--output", metavar="PATH", default=STDOUT, help="file to write (default and '-': stdout)")

    vendor = commands.add_parser(
        "vendor", help="copy the migration_guard_policies library into a pack folder, for `pulumi policy publish`",
        description="Copy the installed migration_guard_policies library into DIR/migration_guard_policies, so a "
                    "pack composed from the library can be published (`pulumi policy publish` uploads only the "
                    "pack's folder).",
    )
    vendor.add_argument("directory", metavar="DIR", help="the pack folder (holds PulumiPolicy.yaml)")
    vendor.add_argument("--check", action="store_true", help="exit 1 when the copy in DIR differs from the library")


def _add_other_commands(commands: Any) -> None:
    bench = commands.add_parser("bench", help="time the offline preview (min and median of N runs)",
                                description="Time the offline preview: min and median of N runs.")
    bench.add_argument("--cwd", default=".", metavar="DIR", help="the Pulumi project directory (default: .)")
    bench.add_argument("--stack", default="dev", help="stack name (default: dev)")
    bench.add_argument("--repeat", "-n", type=int, default=5, help="number of runs (default: 5)")
    bench.add_argument("--policy-pack", dest="policy_packs", action="append", default=[], metavar="DIR",
                       help="policy pack directory (repeatable; default: the bundled pack)")

    catalog = commands.add_parser("catalog", help="engine-version catalog commands",
                                  description="Engine-version catalog commands.")
    catalog.set_defaults(help_parser=catalog)
    catalog_commands = catalog.add_subparsers(dest="catalog_command", metavar="COMMAND", help="the catalog command")
    catalog_commands.add_parser(
        "refresh", help="regenerate the bundled engine-version catalog from the AWS APIs (needs the [refresh] "
                        "extra and AWS credentials; `catalog refresh --help` for its options)", add_help=False,
    )
    commands.add_parser("docs", help="generate the policy reference docs/policies.md (`docs --help` for options)",
                        add_help=False)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="migration-guard",
        description="MigrationGuard: CrossGuard policies for AWS migration stacks, checked offline.",
        epilog="Exit codes: 0 no mandatory violation, 1 mandatory violations, 2 an error.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}",
                        help="show the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND",
                                     help="the command to run (`migration-guard COMMAND --help` for its options)")
    _add_preview(commands)
    _add_audit(commands)
    _add_listing_commands(commands)
    _add_other_commands(commands)
    return parser


# -- routed commands ------------------------------------------------------------------------------

def _docs_to_stdout(argv: list[str]) -> bool:
    """`docs --output -`, or `docs` outside a checkout (no docs/ folder to write into)."""
    if "--check" in argv or "-h" in argv or "--help" in argv:
        return False
    if "--output" in argv:
        index = argv.index("--output")
        return argv[index + 1: index + 2] == [STDOUT]
    if "--output=-" in argv:
        return True
    from migration_guard.docs import DEFAULT_OUTPUT

    return not DEFAULT_OUTPUT.parent.is_dir()


def _route(argv: list[str]) -> int | None:
    for words, module_name in ROUTED_COMMANDS.items():
        if tuple(argv[: len(words)]) == words:
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as exc:
                extra = OPTIONAL_DEPENDENCIES.get((exc.name or "").split(".")[0])
                if extra:
                    print(f"error: `{' '.join(words)}` needs {exc.name}: pip install 'migration-guard[{extra}]'",
                          file=sys.stderr)
                    return EXIT_ERROR
                if exc.name and module_name.startswith(exc.name):
                    print(f"error: `{' '.join(words)}` is not available: module {module_name} is not installed",
                          file=sys.stderr)
                    return EXIT_ERROR
                raise
            rest = argv[len(words):]
            if words == ("docs",) and module_name == "migration_guard.docs" and _docs_to_stdout(rest):
                from migration_guard_policies import all_specs

                sys.stdout.write(module.render(all_specs()))
                sys.stdout.flush()
                return EXIT_OK
            result = module.main(rest)
            return int(result or 0)
    return None


# -- preview and audit ----------------------------------------------------------------------------

def _tokens(values: Sequence[str]) -> list[str]:
    return [t.strip() for value in values for t in value.split(",") if t.strip()]


def _stack_secrets(args: argparse.Namespace) -> list[str]:
    """Values that arrive as secrets from the stack config, to redact from errors too."""
    if args.command != "preview":
        return []
    from migration_guard.preview.project import load_project, load_stack_config

    try:
        project = load_project(Path(args.cwd).resolve())
        config = load_stack_config(project, args.stack, list(args.config))
    except Exception:  # noqa: BLE001 - the run itself reports a broken project or config
        return []
    return [config.values[k] for k in config.secret_keys if k in config.values]


def _note_missing_stack_file(args: argparse.Namespace) -> None:
    if args.command != "preview" or args.quiet:
        return
    directory = Path(args.cwd)
    stack_file = directory / f"Pulumi.{args.stack}.yaml"
    if (directory / "Pulumi.yaml").is_file() and not stack_file.is_file():
        print(f"note: {stack_file} does not exist: stack {args.stack!r} has only the project's config defaults "
              "and --config values", file=sys.stderr)


def _library() -> dict[str, Any]:
    from migration_guard.policy_index import by_name, library_entries

    try:
        return by_name(library_entries())
    except ImportError:
        return {}


def _check_tokens(report: Any, tokens: list[str], library: dict[str, Any]) -> None:
    from migration_guard.policy_index import unknown_tokens
    from migration_guard.preview.model import PreviewError

    names = {p.name for pack in report.packs for p in pack.policies}
    names |= {t for pack in report.packs for p in pack.policies for t in p.tags}
    unknown = unknown_tokens(tokens, library, names)
    if unknown:
        raise PreviewError(f"--policy/--skip-policy {unknown[0]}: no policy, family or Checkov id of that name "
                           "(`migration-guard policies` lists them)")


def _refine(report: Any, args: argparse.Namespace, library: dict[str, Any], known: frozenset[str] | None) -> None:
    from migration_guard.preview.report.baseline import apply_baseline, write_baseline
    from migration_guard.preview.report.filters import apply_severity_threshold, enrich, select_policies

    enrich(report, library)
    include, exclude = _tokens(args.policy), _tokens(args.skip_policy)
    _check_tokens(report, include + exclude, library)
    select_policies(report, include, exclude, library)
    apply_severity_threshold(report, args.severity_threshold)
    if args.create_baseline:
        count = write_baseline(report, Path(args.create_baseline))
        if not args.quiet:
            print(f"note: recorded {count} finding(s) in the baseline {args.create_baseline}", file=sys.stderr)
    if known is not None:
        apply_baseline(report, known)
    report.soft_fail = bool(args.soft_fail)


def _run(args: argparse.Namespace, redact: Redactor) -> Any:
    from migration_guard.preview.engine import PreviewOptions, run_audit, run_preview

    if args.command == "audit":  # the exported state's secrets are redacted from errors too
        return run_audit(Path(args.state), [Path(p) for p in args.policy_packs],
                         [Path(p) for p in args.policy_pack_configs], pack_python=args.pack_python,
                         call_timeout=args.policy_call_timeout or None, on_secrets=redact.add)
    return run_preview(PreviewOptions(
        cwd=Path(args.cwd),
        stack=args.stack,
        config=list(args.config),
        policy_packs=[Path(p) for p in args.policy_packs],
        policy_pack_configs=[Path(p) for p in args.policy_pack_configs],
        invoke_results=Path(args.invoke_results) if args.invoke_results else None,
        allow_unknown_invokes=args.allow_unknown_invokes,
        strict_invokes=args.strict_invokes,
        install=not args.no_install,
        pack_python=args.pack_python,
        call_timeout=args.policy_call_timeout or None,
        request_shape=args.request_shape,
        state=Path(args.state) if args.state else None,
    ))


def _render_all(report: Any, targets: list[Target], args: argparse.Namespace) -> None:
    from migration_guard.preview.report import RenderOptions, render

    for target in targets:
        color = target.to_stdout and target.fmt == "text" and use_color(args.no_color)
        options = RenderOptions(docs_url=args.docs_url, color=color, quiet=args.quiet)
        write(target, render(report, target.fmt, options))


def _project_name(args: argparse.Namespace) -> str:
    if args.command != "preview":
        return ""
    from migration_guard.preview.project import load_project

    try:
        return load_project(Path(args.cwd).resolve()).name
    except Exception:  # noqa: BLE001 - no readable Pulumi.yaml: the folder's name
        return Path(args.cwd).resolve().name


def _report_failure(args: argparse.Namespace, targets: list[Target], message: str) -> None:
    from migration_guard.preview.model import PreviewError

    print(f"error: {message}", file=sys.stderr)
    project = _project_name(args)
    report = error_report(args.command, project, getattr(args, "stack", ""), message)
    for target in targets:
        if target.to_stdout and target.fmt == "text":
            continue  # the message on stderr is the whole text report
        with contextlib.suppress(PreviewError):  # an unwritable report path was reported by the run
            _render_all(report, [target], args)


def _run_checked(args: argparse.Namespace) -> int:
    from migration_guard.preview.model import PreviewError

    try:
        targets = parse_targets(args.format, args.output)
    except PreviewError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    clear_stale(targets)
    redact = Redactor(_stack_secrets(args))
    try:
        return _run_reported(args, targets, redact)
    finally:
        _note_missing_stack_file(args)  # once, after the report or the error it may explain


def _run_reported(args: argparse.Namespace, targets: list[Target], redact: Redactor) -> int:
    from migration_guard.preview.model import PreviewError
    from migration_guard.preview.report.baseline import read_baseline

    try:
        known = read_baseline(Path(args.baseline)) if args.baseline else None
        report = _run(args, redact)
        redact.report(report)
        _refine(report, args, _library(), known)
        _render_all(report, targets, args)
        return int(report.exit_code())
    except PreviewError as exc:
        _report_failure(args, targets, redact(str(exc)))
        return EXIT_ERROR
    except KeyboardInterrupt:
        _report_failure(args, targets, "interrupted")
        return EXIT_ERROR
    except BrokenPipeError:
        raise
    except Exception as exc:  # noqa: BLE001 - one clear line instead of a traceback of our internals
        _report_failure(args, targets, redact(f"internal error in migration-guard: {type(exc).__name__}: {exc}"))
        if os.environ.get("MIGRATION_GUARD_DEBUG"):
            print(redact(traceback.format_exc()), file=sys.stderr)
        else:
            print("(set MIGRATION_GUARD_DEBUG=1 to see the traceback)", file=sys.stderr)
        return EXIT_ERROR


# -- the other commands ---------------------------------------------------------------------------

def _emit(text: str, output: str) -> None:
    write(Target("text", output or STDOUT), text)


def _run_policies(args: argparse.Namespace) -> int:
    from migration_guard.commands.policies import render

    _emit(render(args.format, _tokens(args.policy)), args.output)
    return EXIT_OK


def _run_schema(args: argparse.Namespace) -> int:
    from migration_guard.commands.schema import pack_config_schema
    from migration_guard.preview.engine import default_pack_dir
    from migration_guard.preview.packs import read_pack_info, start_pack

    pack_dir = Path(args.policy_pack).resolve() if args.policy_pack else default_pack_dir(Path.cwd())
    python = args.pack_python or (None if args.policy_pack else sys.executable)
    process = start_pack(pack_dir, project="schema", stack="schema", organization="organization", dry_run=True,
                         config={}, python=python)
    try:
        process.handshake()
        info, _initial = read_pack_info(process)
    finally:
        process.close()
    _emit(json.dumps(pack_config_schema(info), indent=2) + "\n", args.output)
    return EXIT_OK


def _run_vendor(args: argparse.Namespace) -> int:
    from migration_guard.commands.vendor import VendorError, differences, requirements_warning, vendor

    directory = Path(args.directory)
    if args.check:
        changed = differences(directory)
        for item in changed:
            print(f"differs: {item}", file=sys.stderr)
        print(f"{directory}: the vendored library is {'stale' if changed else 'up to date'}")
        return EXIT_VIOLATIONS if changed else EXIT_OK
    try:
        count = vendor(directory)
    except VendorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    print(f"copied migration_guard_policies ({count} files) into {directory}")
    warning = requirements_warning(directory)
    if warning:
        print(warning, file=sys.stderr)
    return EXIT_OK


def _run_bench(args: argparse.Namespace) -> int:
    from migration_guard.preview.bench import main as bench_main

    argv = ["--cwd", args.cwd, "--stack", args.stack, "--repeat", str(args.repeat)]
    for pack in args.policy_packs:
        argv += ["--policy-pack", pack]
    return bench_main(argv)


def _dispatch(arguments: list[str]) -> int:
    routed = _route(arguments)
    if routed is not None:
        return routed
    parser = build_parser()
    try:
        args = parser.parse_args(arguments)
    except SystemExit as exc:  # --help, --version, usage errors: argparse's own exit code, as a return value
        return exc.code if isinstance(exc.code, int) else EXIT_ERROR
    if args.command is None or args.command == "catalog":  # `catalog refresh` itself is routed above
        getattr(args, "help_parser", parser).print_help(sys.stderr)
        return EXIT_ERROR
    if args.command in ("preview", "audit"):
        return _run_checked(args)
    from migration_guard.preview.model import PreviewError

    handlers = {"policies": _run_policies, "schema": _run_schema, "vendor": _run_vendor, "bench": _run_bench}
    try:
        return handlers[args.command](args)
    except PreviewError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        return _dispatch(arguments)
    except BrokenPipeError:
        # The reader went away (`migration-guard docs --output - | head`): stop quietly. Point stdout at
        # /dev/null so the interpreter's final flush does not complain either.
        with contextlib.suppress(OSError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BROKEN_PIPE


if __name__ == "__main__":
    sys.exit(main())
