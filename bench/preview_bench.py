"""Benchmark: wall time of the offline preview of the reference stack (goal: under 5 s).

    .venv/bin/python bench/preview_bench.py [--repeat N] [--cwd DIR]

Same as `migration-guard bench`. Timings are reported, never asserted in tests.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from migration_guard.preview.bench import main  # noqa: E402

if __name__ == "__main__":
    argv = sys.argv[1:]
    if "--cwd" not in argv:
        argv = ["--cwd", str(Path(__file__).resolve().parents[1]), *argv]
    sys.exit(main(argv))
