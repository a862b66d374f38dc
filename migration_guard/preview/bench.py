"""Wall time of the offline preview (program + packs + report), repeated; prints min and median."""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from .engine import PreviewOptions, run_preview
from .report import render


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="migration-guard bench")
    parser.add_argument("--cwd", default=".")
    parser.add_argument("--stack", default="dev")
    parser.add_argument("--repeat", "-n", type=int, default=5)
    parser.add_argument("--policy-pack", dest="policy_packs", action="append", default=[])
    args = parser.parse_args(argv)
    options = PreviewOptions(cwd=Path(args.cwd), stack=args.stack, policy_packs=[Path(p) for p in args.policy_packs])
    timings: list[float] = []
    resources = violations = 0
    for _ in range(max(1, args.repeat)):
        start = time.perf_counter()
        report = run_preview(options)
        render(report, "json")
        timings.append(time.perf_counter() - start)
        resources, violations = len(report.resources), len(report.violations)
    print(
        f"offline preview of {Path(args.cwd).resolve().name} ({args.stack}): {len(timings)} runs, "
        f"min {min(timings):.2f} s, median {statistics.median(timings):.2f} s "
        f"({resources} resources, {violations} violations)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
