"""Benchmark of a policy pack over the real Analyzer protocol (pack launched as the CLI launches it).

    .venv/bin/python bench/pack_bench.py [--pack DIR] [--compare DIR] [--sizes 1000,10000,50000] [--rounds N]

Same as `migration-guard bench pack`. Numbers are reported, never asserted in tests.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from migration_guard.testing.pack_bench import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
