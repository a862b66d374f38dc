"""docdb-cluster-backup-retention: DocumentDB and Neptune clusters keep automated backups for at least minDays."""

from __future__ import annotations

from ...context import ResourceCheck
from ...examples import Example, unknown
from ...settings import IntSetting
from ...spec import Family, Framework, ResourcePolicySpec
from ...types import DOCDB_CLUSTER, NEPTUNE_CLUSTER

MIN_DAYS = IntSetting(
    "minDays",
    default=7,
    minimum=1,
    maximum=35,
    description="Minimum number of days automated backups are kept (AWS allows 1-35).",
)
SERVICE = {DOCDB_CLUSTER: "DocumentDB", NEPTUNE_CLUSTER: "Neptune"}


def check(r: ResourceCheck) -> None:
    minimum = r.setting(MIN_DAYS)
    service = SERVICE.get(r.type, "the service")
    period = r.props.get("backupRetentionPeriod")
    if r.check_unknown(period, f"automated backups must be kept for at least {minimum} days"):
        return
    days = period.int()
    if period.absent or period.value is None:
        r.violation(
            f"backupRetentionPeriod is not set: {service} then keeps automated backups for 1 day only, so a bad "
            f"migration batch found the next morning cannot be undone. Set backupRetentionPeriod to at least {minimum} "
            "(AWS allows 1-35)."
        )
    elif days is None:
        r.violation(
            f"backupRetentionPeriod is not a number of days: set it to at least {minimum} (AWS allows 1-35)."
        )
    elif days < minimum:
        r.violation(
            f"backupRetentionPeriod is {days} days, which is too short for point-in-time recovery after a migration: "
            f"set it to at least {minimum} days (AWS allows 1-35)."
        )


SPEC = ResourcePolicySpec(
    name="docdb-cluster-backup-retention",
    description="DocumentDB and Neptune clusters keep automated backups for at least a minimum number of days.",
    family=Family.OPERATIONS,
    severity="high",
    level="mandatory",
    resource_types=(DOCDB_CLUSTER, NEPTUNE_CLUSTER),
    rule=(
        "`backupRetentionPeriod` is set and at least minDays (1-35). DocumentDB and Neptune default to 1 day "
        "(BackupRetentionPeriod, \"Default: 1\", in CreateDBCluster of the DocumentDB API "
        "https://docs.aws.amazon.com/documentdb/latest/developerguide/API_CreateDBCluster.html and of the Neptune "
        "API https://docs.aws.amazon.com/neptune/latest/apiref/API_CreateDBCluster.html), so an omitted value fails."
    ),
    unknown_handling="unverifiable",
    remediation=(
        "1. Set backup_retention_period=7 (or more, up to 35) on the aws.docdb.Cluster or aws.neptune.Cluster "
        "(the default is 1 day: https://docs.aws.amazon.com/documentdb/latest/developerguide/backup_restore.html, "
        "https://docs.aws.amazon.com/neptune/latest/userguide/backup-restore.html).\n"
        "2. Set preferred_backup_window outside peak hours and outside preferred_maintenance_window."
    ),
    framework=Framework("AWS Security Hub", "DocumentDB.2"),
    refs=("DocumentDB.2", "Neptune.5", "CKV_AWS_360"),
    echoes=frozenset({"backupRetentionPeriod"}),
    settings=(MIN_DAYS,),
    check=check,
    examples=(
        Example("DocumentDB cluster keeping 14 days", {"engine": "docdb", "backupRetentionPeriod": 14}, "pass"),
        Example("Neptune cluster keeping 7 days", {"engine": "neptune", "backupRetentionPeriod": 7}, "pass",
                type=NEPTUNE_CLUSTER),
        Example("Omitted (DocumentDB keeps 1 day)", {"engine": "docdb"}, "fail", mentions=("backupRetentionPeriod",)),
        Example("Neptune cluster keeping 1 day", {"engine": "neptune", "backupRetentionPeriod": 1}, "fail",
                type=NEPTUNE_CLUSTER, mentions=("backupRetentionPeriod", "7")),
        Example("Stricter minimum configured", {"backupRetentionPeriod": 7}, "fail", config={"minDays": 14},
                mentions=("14",)),
        Example("Retention that is not a number fails closed", {"backupRetentionPeriod": "a week"}, "fail",
                mentions=("backupRetentionPeriod",)),
        Example("Retention computed from another output", {"backupRetentionPeriod": unknown("number")},
                "unverifiable"),
    ),
)
