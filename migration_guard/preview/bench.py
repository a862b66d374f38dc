"""Wall time of the offline preview (program + packs + report), repeated; prints min and median wall
time, the median CPU time of every process (a load-independent companion) and the peak RSS."""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

from .engine import PreviewOptions, run_preview
from .report import render


def _cpu_seconds() -> float:
    """CPU time of this process and its finished children: a load-independent companion to wall time."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _peak_rss_mib(who: int) -> float:
    """Peak resident set size (Linux reports KiB): of this process, or of its largest finished child."""
    return resource.getrusage(who).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="migration-guard bench")
    parser.add_argument("--cwd", default=".")
    parser.add_argument("--stack", default="dev")
    parser.add_argument("--repeat", "-n", type=int, default=5)
    parser.add_argument("--policy-pack", dest="policy_packs", action="append", default=[])
    args = parser.parse_args(argv)
    options = PreviewOptions(cwd=Path(args.cwd), stack=args.stack, policy_packs=[Path(p) for p in args.policy_packs])
    timings: list[float] = []
    cpu: list[float] = []
    resources = violations = 0
    project = Path(args.cwd).resolve().name
    for _ in range(max(1, args.repeat)):
        before = _cpu_seconds()
        start = time.perf_counter()
        report = run_preview(options)
        render(report, "json")
        timings.append(time.perf_counter() - start)
        cpu.append(_cpu_seconds() - before)
        resources, violations, project = len(report.resources), len(report.violations), report.project
    print(
        f"offline preview of {project} ({args.stack}): {len(timings)} runs, "
        f"wall min {min(timings):.2f} s, median {statistics.median(timings):.2f} s; "
        f"CPU (all processes) median {statistics.median(cpu):.2f} s; "
        f"peak RSS {_peak_rss_mib(resource.RUSAGE_SELF):.0f} MiB here, "
        f"{_peak_rss_mib(resource.RUSAGE_CHILDREN):.0f} MiB in the largest of the program and packs "
        f"({resources} resources, {violations} violations)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
