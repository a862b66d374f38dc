"""Runs every case program under cases/ in one Pulumi program, so one offline preview judges them all.

Each file (or folder with a __main__.py) under cases/ is a complete program body written as a team
writes it; their resource names do not overlap, so the policies' findings name the case they belong to.
"""

import runpy
from pathlib import Path

CASES = Path(__file__).resolve().parent / "cases"

for case in sorted(CASES.iterdir()):
    if case.suffix == ".py" or (case / "__main__.py").is_file():
        runpy.run_path(str(case), run_name="__main__")
