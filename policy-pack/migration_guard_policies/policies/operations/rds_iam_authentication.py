"""rds-iam-authentication: databases accept IAM database authentication."""

from __future__ import annotations

from ...context import ResourceCheck
from ...examples import Example, unknown
from ...spec import Family, ResourcePolicySpec
from ...types import RDS_CLUSTER, RDS_INSTANCE
from ..rds_common import engine
from ._rds_ops import aurora_instance_not_applicable

# Engines without IAM database authentication (prefixes: oracle-ee, custom-sqlserver-se, db2-se, ...).
NO_IAM_AUTH_PREFIXES = ("oracle", "sqlserver", "db2", "custom-oracle", "custom-sqlserver")


def check(r: ResourceCheck) -> None:
    aurora_instance_not_applicable(r, "IAM database authentication")
    name = engine(r.props)
    if name is not None and name.startswith(NO_IAM_AUTH_PREFIXES):
        r.not_applicable("the engine has no IAM database authentication")
    enabled = r.props.get("iamDatabaseAuthenticationEnabled")
    if r.check_unknown(enabled, "IAM authentication lets applications connect without long-lived passwords"):
        return
    if enabled.is_true():
        return
    if r.props.get("engine").unknown:
        r.unverifiable("engine", "iamDatabaseAuthenticationEnabled is not true, which is only allowed for "
                                 "engines without IAM database authentication")
        return
    r.violation(
        "iamDatabaseAuthenticationEnabled is not true: applications and operators must use long-lived database "
        "passwords. Set iamDatabaseAuthenticationEnabled: true and grant rds-db:connect to the roles that connect."
    )


SPEC = ResourcePolicySpec(
    name="rds-iam-authentication",
    description="RDS instances and clusters accept IAM database authentication.",
    family=Family.OPERATIONS,
    severity="low",
    level="advisory",
    resource_types=(RDS_INSTANCE, RDS_CLUSTER),
    rule=(
        "`iamDatabaseAuthenticationEnabled` is true; engines without IAM database authentication (oracle, "
        "sqlserver, db2): not applicable. Aurora instances declared as `rds Instance` are covered by their cluster."
    ),
    unknown_handling="unverifiable",
    remediation=(
        "1. Set iam_database_authentication_enabled=True on the aws.rds.Cluster or aws.rds.Instance.\n"
        "2. Create database users with the rds_iam role (PostgreSQL) or AWSAuthenticationPlugin (MySQL), and "
        "grant rds-db:connect on them to the IAM roles of the applications."
    ),
    refs=("CKV_AWS_161", "CKV_AWS_162"),
    check=check,
    examples=(
        Example(
            "Aurora PostgreSQL cluster with IAM authentication",
            {"engine": "aurora-postgresql", "iamDatabaseAuthenticationEnabled": True},
            "pass",
            type=RDS_CLUSTER,
        ),
        Example(
            "PostgreSQL instance without it",
            {"engine": "postgres"},
            "fail",
            mentions=("iamDatabaseAuthenticationEnabled",),
        ),
        Example(
            "Setting computed from another output",
            {"engine": "mysql", "iamDatabaseAuthenticationEnabled": unknown("boolean")},
            "unverifiable",
        ),
        Example(
            "Engine computed from another output, IAM authentication off",
            {"engine": unknown()},
            "unverifiable",
        ),
        Example("Oracle has no IAM database authentication", {"engine": "oracle-ee"}, "not_applicable"),
        Example("SQL Server has no IAM database authentication", {"engine": "sqlserver-se"}, "not_applicable"),
    ),
)
