"""Benchmark: wall time, CPU time and peak RSS of the offline preview of the reference stack (goal:
under 5 s), or of the program in --cwd, such as the 2,000-resource scale program (goal: under 10 s):

    .venv/bin/python bench/preview_bench.py [--repeat N] [--cwd DIR]
    .venv/bin/python bench/preview_bench.py --cwd tests/preview/programs/scale --repeat 3

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
