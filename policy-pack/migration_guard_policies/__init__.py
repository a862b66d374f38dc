"""MigrationGuard policies for Pulumi CrossGuard, usable as a library.

Compose your own pack from these policies::

    from pulumi_policy import PolicyPack
    from migration_guard_policies import all_specs, policies

    mine = [s for s in all_specs() if s.family.value in ("encryption", "secrets")]
    PolicyPack(name="my-pack", policies=policies(mine))

or serve them through the pack's fast path: ``serve_pack(mine)``.
"""

from .pack import PACK_NAME, pack_arguments, policies, serve_pack
from .policies import all_specs
from .spec import Family, PolicySpec, ResourcePolicySpec, StackPolicySpec
from .state import PackState

__all__ = [
    "PACK_NAME",
    "Family",
    "PackState",
    "PolicySpec",
    "ResourcePolicySpec",
    "StackPolicySpec",
    "all_specs",
    "pack_arguments",
    "policies",
    "serve_pack",
]
