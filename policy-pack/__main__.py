"""Entry point the Pulumi CLI runs: `python -u -m pulumi.policy <engine> <this folder>`.

Nothing may be printed to stdout before PolicyPack writes its port: the CLI reads that line.
"""

from pulumi_policy import PolicyPack

from migration_guard_policies.pack import pack_arguments

PolicyPack(**pack_arguments())
