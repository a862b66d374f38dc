"""cloudwatch-log-group-retention: log groups expire their events after a bounded period."""

from __future__ import annotations

import math

from ...context import ResourceCheck
from ...examples import Example, unknown
from ...settings import IntSetting
from ...spec import Family, Framework, ResourcePolicySpec
from ...types import CLOUDWATCH_LOG_GROUP

MIN_DAYS = IntSetting("minDays", default=30, minimum=1, description="The shortest acceptable retention, in days.")

def check(r: ResourceCheck) -> None:
    group_class = r.props.get("logGroupClass")
    if (group_class.str() or "").upper() == "DELIVERY":
        r.not_applicable("the retention of DELIVERY log groups is fixed by AWS")
    min_days = r.setting(MIN_DAYS)

    retention = r.props.get("retentionInDays")
    if r.check_unknown(retention, f"log events must be kept at least {min_days} days and must expire"):
        return
    number = retention.number()
    finite = number is None or math.isfinite(number)  # NaN and infinity can arrive as protobuf doubles
    days = int(number) if number is not None and finite else None
    if days is not None and days >= min_days:
        return
    if group_class.unknown:
        r.unverifiable("logGroupClass", "retentionInDays does not meet the rule, which only DELIVERY groups may skip")
        return
    if not finite:
        r.violation(f"retentionInDays is not a number of days: set it to at least {min_days}.")
    elif days is None:
        r.violation(
            f"retentionInDays is not set: log events are kept forever (and billed forever). Set "
            f"retentionInDays to at least {min_days}."
        )
    elif days == 0:
        r.violation(f"retentionInDays is 0 (never expire): set it to at least {min_days} days.")
    else:
        r.violation(f"retentionInDays is {days}, below the minimum of {min_days} days: raise it.")


SPEC = ResourcePolicySpec(
    name="cloudwatch-log-group-retention",
    description="CloudWatch log groups keep events for a bounded period of at least minDays.",
    family=Family.OPERATIONS,
    severity="low",
    level="advisory",
    resource_types=(CLOUDWATCH_LOG_GROUP,),
    rule=(
        "`retentionInDays` is set, not 0 (never expire), and at least minDays; `logGroupClass: DELIVERY` "
        "groups (retention fixed by AWS): not applicable."
    ),
    unknown_handling="unverifiable (a retention computed from another resource's output)",
    remediation=(
        "1. Set retention_in_days on the aws.cloudwatch.LogGroup to an allowed value of at least minDays "
        "(30, 60, 90, 120, 150, 180, 365, ...).\n"
        "2. Keep longer retention for audit logs where regulation requires it."
    ),
    framework=Framework("AWS Config managed rule", "cw-loggroup-retention-period-check"),
    refs=("CKV_AWS_66", "cw-loggroup-retention-period-check"),
    echoes=frozenset({"retentionInDays", "logGroupClass"}),
    settings=(MIN_DAYS,),
    check=check,
    examples=(
        Example("Thirty-day retention", {"name": "/aws/dms/tasks-dev", "retentionInDays": 30}, "pass"),
        Example("No retention: kept forever", {"name": "/aws/dms/tasks-dev"}, "fail", mentions=("retentionInDays",)),
        Example("Retention 0 never expires", {"retentionInDays": 0}, "fail", mentions=("retentionInDays",)),
        Example("Seven days is below the default minimum", {"retentionInDays": 7}, "fail", mentions=("30",)),
        Example("Seven days with minDays 7", {"retentionInDays": 7}, "pass", config={"minDays": 7}),
        Example("Retention computed during preview", {"retentionInDays": unknown("number")}, "unverifiable"),
        Example("DELIVERY class group", {"logGroupClass": "DELIVERY"}, "not_applicable"),
    ),
)
