"""dms-task-logging-enabled: DMS tasks log to CloudWatch."""

from __future__ import annotations

import json

from ...context import ResourceCheck
from ...examples import Example, unknown
from ...props import Props
from ...spec import Family, Framework, ResourcePolicySpec
from ...types import DMS_REPLICATION_TASK


def check(r: ResourceCheck) -> None:
    settings = r.props.json("replicationTaskSettings")
    if r.check_unknown(settings, "it must set Logging.EnableLogging to true"):
        return
    if settings.absent or settings.value is None:
        r.violation(
            "replicationTaskSettings is not set: DMS task logging is off by default. Set it to a JSON document "
            "with {\"Logging\": {\"EnableLogging\": true}}."
        )
        return
    if settings.state.value == "malformed" or not isinstance(settings.value, dict):
        r.violation("replicationTaskSettings is not a valid JSON object: DMS rejects the task when it is created.")
        return
    enabled = Props(settings.value).get("Logging.EnableLogging")
    if r.check_unknown(enabled, "task logging must be enabled"):
        return
    if not enabled.is_true():
        r.violation(
            "replicationTaskSettings does not set Logging.EnableLogging to true: task errors and progress are "
            "not logged to CloudWatch. Add {\"Logging\": {\"EnableLogging\": true}}."
        )


SPEC = ResourcePolicySpec(
    name="dms-task-logging-enabled",
    description="DMS replication tasks enable CloudWatch logging in their task settings.",
    family=Family.OPERATIONS,
    severity="medium",
    level="advisory",
    resource_types=(DMS_REPLICATION_TASK,),
    rule="`replicationTaskSettings` parses as JSON and sets `Logging.EnableLogging` true.",
    unknown_handling="unverifiable (task settings computed from another resource's output)",
    remediation=(
        "1. Set replication_task_settings=json.dumps({\"Logging\": {\"EnableLogging\": True}, ...}) on the "
        "aws.dms.ReplicationTask.\n"
        "2. Give the dms-cloudwatch-logs-role the AmazonDMSCloudWatchLogsRole managed policy."
    ),
    framework=Framework("AWS Config managed rule", "dms-replication-task-sourcedb-logging"),
    refs=("dms-replication-task-sourcedb-logging",),
    check=check,
    examples=(
        Example("Logging enabled", {"replicationTaskSettings": json.dumps({"Logging": {"EnableLogging": True}})},
                "pass"),
        Example("No task settings", {"migrationType": "full-load"}, "fail", mentions=("replicationTaskSettings",)),
        Example("Logging disabled", {"replicationTaskSettings": json.dumps({"Logging": {"EnableLogging": False}})},
                "fail", mentions=("EnableLogging",)),
        Example("Settings that are not JSON", {"replicationTaskSettings": "{Logging"}, "fail"),
        Example("Settings computed during preview", {"replicationTaskSettings": unknown()}, "unverifiable"),
    ),
)
