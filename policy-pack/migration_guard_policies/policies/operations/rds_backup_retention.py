"""rds-backup-retention: automated backups are kept for at least minDays."""

from __future__ import annotations

from ...context import ResourceCheck
from ...examples import Example, unknown
from ...settings import IntSetting
from ...spec import Family, Framework, ResourcePolicySpec
from ...types import RDS_CLUSTER, RDS_INSTANCE
from ._rds_ops import aurora_instance_not_applicable

MIN_DAYS = IntSetting(
    "minDays",
    default=7,
    minimum=1,
    maximum=35,
    description="Minimum number of days automated backups are kept (AWS allows 1-35).",
)

def check(r: ResourceCheck) -> None:
    if r.type == RDS_INSTANCE and r.props.get("replicateSourceDb").present:
        r.not_applicable("read replicas (replicateSourceDb) are restored from their source's backups")
    aurora_instance_not_applicable(r, "backup retention")
    minimum = r.setting(MIN_DAYS)
    period = r.props.get("backupRetentionPeriod")
    if r.check_unknown(period, f"automated backups must be kept for at least {minimum} days"):
        return
    days = period.int()
    if days is None:
        r.violation(
            "backupRetentionPeriod is not set to a number of days: RDS then keeps automated backups for 1 day "
            f"only. Set backupRetentionPeriod to at least {minimum} (AWS allows 1-35)."
        )
    elif days < minimum:
        what = "disables automated backups and point-in-time recovery" if days == 0 else "is too short"
        r.violation(
            f"backupRetentionPeriod is {days} days, which {what}: set it to at least {minimum} days "
            "(AWS allows 1-35)."
        )


SPEC = ResourcePolicySpec(
    name="rds-backup-retention",
    description="RDS instances and clusters keep automated backups for at least a minimum number of days.",
    family=Family.OPERATIONS,
    severity="high",
    level="mandatory",
    resource_types=(RDS_INSTANCE, RDS_CLUSTER),
    rule=(
        "`backupRetentionPeriod` is set and at least minDays (1-35). Read replicas (`replicateSourceDb`) are not "
        "applicable; Aurora instances declared as `rds Instance` are covered by their cluster."
    ),
    unknown_handling="unverifiable",
    remediation=(
        "1. Set backup_retention_period=7 (or more, up to 35) on the aws.rds.Cluster or aws.rds.Instance.\n"
        "2. Set a backup window (backup_window / preferred_backup_window) outside peak hours."
    ),
    framework=Framework("AWS Config managed rule", "db-instance-backup-enabled"),
    refs=("CKV_AWS_133", "seed 000"),
    echoes=frozenset({"backupRetentionPeriod"}),
    settings=(MIN_DAYS,),
    check=check,
    examples=(
        Example(
            "Aurora cluster keeping 14 days of backups",
            {"engine": "aurora-postgresql", "backupRetentionPeriod": 14},
            "pass",
            type=RDS_CLUSTER,
        ),
        Example(
            "backupRetentionPeriod omitted (RDS keeps 1 day)",
            {"engine": "postgres"},
            "fail",
            mentions=("backupRetentionPeriod",),
        ),
        Example(
            "Backups disabled (seed 000)",
            {"engine": "postgres", "backupRetentionPeriod": 0},
            "fail",
            mentions=("backupRetentionPeriod", "7"),
        ),
        Example(
            "Stricter minimum configured",
            {"engine": "postgres", "backupRetentionPeriod": 7},
            "fail",
            config={"minDays": 14},
            mentions=("14",),
        ),
        Example(
            "Retention computed from another output",
            {"engine": "postgres", "backupRetentionPeriod": unknown("number")},
            "unverifiable",
        ),
        Example(
            "Read replica",
            {"engine": "postgres", "replicateSourceDb": unknown()},
            "not_applicable",
        ),
    ),
)
