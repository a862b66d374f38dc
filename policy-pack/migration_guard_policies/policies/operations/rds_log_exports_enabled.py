"""rds-log-exports-enabled: database logs are exported to CloudWatch Logs."""

from __future__ import annotations

from ...context import ResourceCheck
from ...examples import Example, unknown
from ...spec import Family, ResourcePolicySpec
from ...types import RDS_CLUSTER, RDS_INSTANCE
from ..rds_common import engine
from ._rds_ops import aurora_instance_not_applicable

# What each engine family can export, for the message (prefix of the engine name -> log types).
LOG_TYPES = (
    ("aurora-postgresql", "postgresql"),
    ("aurora-mysql", "audit, error, general, slowquery"),
    ("aurora", "audit, error, general, slowquery"),
    ("postgres", "postgresql, upgrade"),
    ("mysql", "audit, error, general, slowquery"),
    ("mariadb", "audit, error, general, slowquery"),
    ("oracle", "alert, audit, listener, trace"),
    ("sqlserver", "agent, error"),
    ("db2", "diag.log, notify.log"),
)


def log_types_hint(engine_name: str | None) -> str:
    for prefix, types in LOG_TYPES:
        if engine_name and engine_name.startswith(prefix):
            return f" (for this engine: {types})"
    return ""


def check(r: ResourceCheck) -> None:
    aurora_instance_not_applicable(r, "log export")
    exports = r.props.get("enabledCloudwatchLogsExports")
    if exports.unknown:
        r.unverifiable(exports.path, "without log exports, database logs are lost with the instance")
        return
    if exports.list():
        return  # a non-empty list, even when an entry is computed
    r.violation(
        "enabledCloudwatchLogsExports is empty: database logs stay on the instance, rotate away within days "
        f"and cannot be searched or alarmed on. List the log types to export{log_types_hint(engine(r.props))}."
    )


SPEC = ResourcePolicySpec(
    name="rds-log-exports-enabled",
    description="RDS instances and clusters export their logs to CloudWatch Logs.",
    family=Family.OPERATIONS,
    severity="low",
    level="advisory",
    resource_types=(RDS_INSTANCE, RDS_CLUSTER),
    rule=(
        "`enabledCloudwatchLogsExports` is not empty. Aurora instances declared as `rds Instance` are covered by "
        "their cluster."
    ),
    unknown_handling="unverifiable (a non-empty list whose entries are computed passes)",
    remediation=(
        "1. Set enabled_cloudwatch_logs_exports, for example [\"postgresql\", \"upgrade\"] for PostgreSQL or "
        "[\"audit\", \"error\", \"general\", \"slowquery\"] for MySQL.\n"
        "2. Pre-create the /aws/rds/{instance|cluster}/<id>/<log> log groups with a KMS key and a retention."
    ),
    refs=("CKV_AWS_129", "CKV_AWS_324"),
    check=check,
    examples=(
        Example(
            "PostgreSQL instance exporting its logs",
            {"engine": "postgres", "enabledCloudwatchLogsExports": ["postgresql", "upgrade"]},
            "pass",
        ),
        Example(
            "Aurora cluster without exports",
            {"engine": "aurora-postgresql"},
            "fail",
            type=RDS_CLUSTER,
            mentions=("enabledCloudwatchLogsExports", "postgresql"),
        ),
        Example(
            "Empty list",
            {"engine": "mysql", "enabledCloudwatchLogsExports": []},
            "fail",
            mentions=("enabledCloudwatchLogsExports",),
        ),
        Example(
            "List computed from another output",
            {"engine": "postgres", "enabledCloudwatchLogsExports": unknown("array")},
            "unverifiable",
        ),
        Example(
            "Aurora instance declared as rds Instance is covered by its cluster",
            {"engine": "aurora-postgresql"},
            "not_applicable",
        ),
    ),
)
