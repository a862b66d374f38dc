"""MigrationGuard policies for Pulumi CrossGuard, usable as a library.

Compose your own pack from these policies::

    from pulumi_policy import PolicyPack
    from migration_guard_policies import all_specs, policies

    mine = [s for s in all_specs() if s.family.value in ("encryption", "secrets")]
    PolicyPack(name="my-pack", policies=policies(mine))
"""

from .model import Family, PolicySpec, ResourcePolicySpec, StackPolicySpec
from .pack import PACK_NAME, pack_arguments, policies
from .policies import all_specs

__all__ = [
    "PACK_NAME",
    "Family",
    "PolicySpec",
    "ResourcePolicySpec",
    "StackPolicySpec",
    "all_specs",
    "pack_arguments",
    "policies",
]
