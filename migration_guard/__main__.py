"""`python -m migration_guard ...` is the `migration-guard` command."""

import sys

from migration_guard.cli import main

sys.exit(main())
