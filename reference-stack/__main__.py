"""MigrationGuard reference stack: an on-premises PostgreSQL to AWS migration that passes every policy.

Reads the configuration once (every problem reported together, before any resource is declared),
declares the components and exports everything operators and the integration tests need.
"""

import pulumi
from migration_stack.settings import load_settings
from migration_stack.stack import build_stack

settings = load_settings()
stack = build_stack(settings)
for output_name, value in stack.outputs().items():
    pulumi.export(output_name, value)
