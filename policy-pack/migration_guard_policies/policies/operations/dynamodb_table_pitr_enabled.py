"""dynamodb-table-pitr-enabled: DynamoDB tables have point-in-time recovery."""

from __future__ import annotations

from ...examples import Example, unknown
from ...model import Family, Framework, ResourceCheck, ResourcePolicySpec
from ...props import State
from ...types import DYNAMODB_TABLE

ENABLED = "pointInTimeRecovery.enabled"
WHY = "without point-in-time recovery a bad write or delete during the migration cannot be undone"


def check(r: ResourceCheck) -> None:
    block = r.props.get("pointInTimeRecovery")
    if block.unknown:
        r.unverifiable("pointInTimeRecovery", WHY)
        return
    enabled = r.props.get(ENABLED)
    if r.check_unknown(enabled, WHY):
        return
    if enabled.is_true():
        return
    if enabled.state is State.MALFORMED:
        r.violation(f"{ENABLED} cannot be read (pointInTimeRecovery is not an object): {WHY}. Set "
                    "pointInTimeRecovery: {enabled: true}.")
        return
    state = "is false" if enabled.is_false() else "is not set (DynamoDB leaves point-in-time recovery off)"
    r.violation(
        f"{ENABLED} {state}: {WHY}, and on-demand backups only restore to when they were taken. Set "
        "pointInTimeRecovery: {enabled: true} (recoveryPeriodInDays defaults to 35)."
    )


SPEC = ResourcePolicySpec(
    name="dynamodb-table-pitr-enabled",
    description="DynamoDB tables have point-in-time recovery enabled.",
    family=Family.OPERATIONS,
    severity="medium",
    level="mandatory",
    resource_types=(DYNAMODB_TABLE,),
    rule=(
        "`pointInTimeRecovery.enabled` is true. Point-in-time recovery is off until it is turned on for a table "
        "(https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery_Howitworks.html), "
        "so an omitted block fails."
    ),
    unknown_handling="unverifiable",
    remediation=(
        "1. Set point_in_time_recovery=aws.dynamodb.TablePointInTimeRecoveryArgs(enabled=True) on the "
        "aws.dynamodb.Table (optionally recovery_period_in_days, 1-35).\n"
        "2. PITR is billed by table size: "
        "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery_Howitworks.html."
    ),
    framework=Framework("AWS Config managed rule", "dynamodb-pitr-enabled"),
    refs=("DynamoDB.2", "CKV_AWS_28"),
    check=check,
    examples=(
        Example("PITR enabled", {"hashKey": "id", "pointInTimeRecovery": {"enabled": True}}, "pass"),
        Example("PITR omitted (off by default)", {"hashKey": "id", "billingMode": "PAY_PER_REQUEST"}, "fail",
                mentions=("pointInTimeRecovery.enabled",)),
        Example("PITR explicitly disabled", {"hashKey": "id", "pointInTimeRecovery": {"enabled": False}}, "fail",
                mentions=("pointInTimeRecovery.enabled",)),
        Example("PITR block of the wrong shape fails closed", {"pointInTimeRecovery": "enabled"}, "fail",
                mentions=("cannot be read",)),
        Example("PITR computed from another output", {"pointInTimeRecovery": {"enabled": unknown("boolean")}},
                "unverifiable"),
    ),
)
