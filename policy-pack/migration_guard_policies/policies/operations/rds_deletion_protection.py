"""rds-deletion-protection: databases cannot be deleted until protection is turned off."""

from __future__ import annotations

from ...context import ResourceCheck
from ...examples import Example, unknown
from ...spec import Family, ResourcePolicySpec
from ...types import RDS_CLUSTER, RDS_INSTANCE
from ._rds_ops import aurora_instance_not_applicable, require_true


def check(r: ResourceCheck) -> None:
    aurora_instance_not_applicable(r, "deletion protection")
    require_true(
        r,
        "deletionProtection",
        "without it a replacement or an accidental `pulumi destroy` deletes the database",
        "Set deletionProtection: true (turn it off in a separate update before a planned deletion).",
    )


SPEC = ResourcePolicySpec(
    name="rds-deletion-protection",
    description="RDS instances and clusters have deletion protection enabled.",
    family=Family.OPERATIONS,
    severity="medium",
    level="advisory",
    resource_types=(RDS_INSTANCE, RDS_CLUSTER),
    rule=(
        "`deletionProtection` is true on every RDS instance and cluster (it defaults to false). Aurora "
        "instances declared as `rds Instance` are covered by their cluster."
    ),
    unknown_handling="unverifiable",
    remediation=(
        "1. Set deletion_protection=True on the aws.rds.Cluster or aws.rds.Instance.\n"
        "2. To delete the database on purpose, first deploy deletion_protection=False, then remove it."
    ),
    refs=("CKV_AWS_293", "CKV_AWS_139"),
    check=check,
    examples=(
        Example("Protected instance", {"engine": "postgres", "deletionProtection": True}, "pass"),
        Example(
            "Cluster without deletion protection (defaults to false)",
            {"engine": "aurora-postgresql"},
            "fail",
            type=RDS_CLUSTER,
            mentions=("deletionProtection",),
        ),
        Example(
            "deletionProtection explicitly false",
            {"engine": "mysql", "deletionProtection": False},
            "fail",
            mentions=("deletionProtection",),
        ),
        Example(
            "deletionProtection computed from another output",
            {"engine": "postgres", "deletionProtection": unknown("boolean")},
            "unverifiable",
        ),
        Example(
            "Aurora instance declared as rds Instance is covered by its cluster",
            {"engine": "aurora-mysql"},
            "not_applicable",
        ),
    ),
)
