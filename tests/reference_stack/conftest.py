"""Options and import path for the reference-stack tests.

``--live`` runs the integration tests against a deployed stack in AWS (credentials required; the stack's
outputs come from ``pulumi stack output --json`` or the JSON file named by MIGRATION_STACK_OUTPUTS).
Without it the same integration test code runs against moto, with matching resources created by the test.
REFERENCE_STACK_LIVE=1 is the same as --live (for runs that do not load this conftest at start-up).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[1]
STACK_DIR = REPO_ROOT / "reference-stack"

if str(STACK_DIR) not in sys.path:
    sys.path.insert(0, str(STACK_DIR))
