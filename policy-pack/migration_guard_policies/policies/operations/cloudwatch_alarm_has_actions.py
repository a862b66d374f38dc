"""cloudwatch-alarm-has-actions: alarms notify someone when they fire."""

from __future__ import annotations

from ...context import ResourceCheck
from ...examples import Example, unknown
from ...spec import Family, Framework, ResourcePolicySpec
from ...types import CLOUDWATCH_COMPOSITE_ALARM, CLOUDWATCH_METRIC_ALARM


def check(r: ResourceCheck) -> None:
    # `present`: an unknown list (an SNS topic ARN created in the same program) counts as set, and
    # an unknown actionsEnabled counts as not false.
    actions = r.props.get("alarmActions")
    actions.expect("array")  # a string or an object is the wrong-type violation, never "no actions"
    if not actions.present:
        r.violation(
            "alarmActions is empty: the alarm changes state without notifying anyone. Set alarmActions "
            "to an SNS topic (or another action) that reaches the on-call team."
        )
    if r.props.get("actionsEnabled").is_false():
        r.violation("actionsEnabled is false: the alarm's actions never run. Remove it or set it to true.")


SPEC = ResourcePolicySpec(
    name="cloudwatch-alarm-has-actions",
    description="CloudWatch alarms have enabled alarm actions.",
    family=Family.OPERATIONS,
    severity="medium",
    level="mandatory",
    resource_types=(CLOUDWATCH_METRIC_ALARM, CLOUDWATCH_COMPOSITE_ALARM),
    rule="`alarmActions` is not empty and `actionsEnabled` is not false.",
    unknown_handling=(
        "An unknown value counts as set: an unknown alarmActions (or an action ARN created in the same "
        "program) counts as a non-empty list, an unknown actionsEnabled as not false."
    ),
    remediation=(
        "1. Create an SNS topic for alarms (aws.sns.Topic) with a subscription for the on-call team.\n"
        "2. Set alarm_actions=[topic.arn] (and ok_actions) on the aws.cloudwatch.MetricAlarm or CompositeAlarm.\n"
        "3. Leave actions_enabled unset (it defaults to true)."
    ),
    framework=Framework("AWS Config managed rule", "cloudwatch-alarm-action-check"),
    refs=("CKV_AWS_319", "cloudwatch-alarm-action-check", "seed 004"),
    check=check,
    examples=(
        Example(
            "Alarm notifying an SNS topic created in the same program",
            {"metricName": "CPUUtilization", "namespace": "AWS/RDS", "alarmActions": [unknown()]},
            "pass",
        ),
        Example(
            "Alarm without actions (seed 004)",
            {"metricName": "CPUUtilization", "namespace": "AWS/RDS", "comparisonOperator": "GreaterThanThreshold"},
            "fail",
            mentions=("alarmActions",),
        ),
        Example(
            "Alarm with its actions disabled",
            {"metricName": "CPUUtilization", "alarmActions": ["arn:aws:sns:us-east-1:123456789012:alarms-dev"],
             "actionsEnabled": False},
            "fail",
            mentions=("actionsEnabled",),
        ),
        Example(
            "Composite alarm whose actions list is computed during preview counts as set",
            {"alarmRule": "ALARM(cpu-dev)", "alarmActions": unknown("array"), "actionsEnabled": unknown("boolean")},
            "pass",
            type=CLOUDWATCH_COMPOSITE_ALARM,
        ),
        Example(
            "Composite alarm with an empty actions list",
            {"alarmRule": "ALARM(cpu-dev)", "alarmActions": []},
            "fail",
            type=CLOUDWATCH_COMPOSITE_ALARM,
            mentions=("alarmActions",),
        ),
    ),
)
