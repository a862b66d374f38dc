"""The aws-migration-guard pack: its policies and the metadata Pulumi shows for it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pulumi_policy import Policy

from .compat.pulumi_policy import policies_for, serve
from .policies import all_specs
from .spec import PolicySpec
from .state import PackState

PACK_NAME = "aws-migration-guard"
DISPLAY_NAME = "MigrationGuard for AWS migration stacks"
DESCRIPTION = (
    "Encryption, Multi-AZ, environment-suffix naming, secret handling and supported engine versions "
    "for AWS database migration stacks (RDS/Aurora, DMS, KMS, Secrets Manager, CloudWatch, SNS)."
)
REPOSITORY: str | None = None  # no public home yet: advertise no placeholder address
TAGS = ["aws", "migration", "rds", "dms", "encryption", "high-availability", "secrets"]

README = """# aws-migration-guard

Policies that platform teams enforce on AWS migration stacks at `pulumi preview` time:
encryption at rest and in transit, Multi-AZ, environment-suffix naming, secret handling,
supported engine versions, and operational checks (backups, alarms, flow logs, tags).

Configure any policy with `--policy-pack-config` (`{"all": "mandatory", "<policy>": {...}}`);
every policy accepts `exemptions` (`[{"resource": "glob", "reason": "...", "expires": "YYYY-MM-DD"}]`).
The full reference, with examples, is docs/policies.md in the repository.
"""


def policies(specs: Iterable[PolicySpec] | None = None, state: PackState | None = None) -> list[Policy]:
    """pulumi-policy Policy objects for the given specs (default: every MigrationGuard policy).

    They share one :class:`PackState` (a new one unless given); policies that read what the others
    recorded (exemptions-unused) are placed last, as the SDK runs stack policies in list order.
    """
    return policies_for(all_specs() if specs is None else specs, state)


def pack_arguments(specs: Iterable[PolicySpec] | None = None, state: PackState | None = None) -> dict[str, Any]:
    """Keyword arguments for ``pulumi_policy.PolicyPack`` or :func:`serve_pack` (all but the blocking call)."""
    return {
        "name": PACK_NAME,
        "policies": policies(specs, state),
        "description": DESCRIPTION,
        "display_name": DISPLAY_NAME,
        "readme": README,
        "provider": "aws",
        "tags": TAGS,
        "repository": REPOSITORY,
    }


def serve_pack(specs: Iterable[PolicySpec] | None = None) -> None:
    """Serve the pack over gRPC with the fast path (what the Pulumi CLI runs): blocks."""
    state = PackState()
    serve(state=state, **pack_arguments(specs, state))
