"""dms-task-logging-enabled: DMS tasks log to CloudWatch."""

from __future__ import annotations

import json

from ...examples import Example, unknown
from ...model import Family, Framework, ResourceCheck, ResourcePolicySpec
from ...props import Props, Read, State
from ...types import DMS_REPLICATION_CONFIG, DMS_REPLICATION_TASK
from ._dms_documents import read_document

# ReplicationTask carries the task settings in replicationTaskSettings, ReplicationConfig in replicationSettings.
SETTINGS_PROP = {DMS_REPLICATION_TASK: "replicationTaskSettings", DMS_REPLICATION_CONFIG: "replicationSettings"}


def _check_settings(r: ResourceCheck, prop: str, settings: Read) -> None:
    if settings.state in (State.ABSENT, State.NULL):
        r.violation(
            f"{prop} is not set: DMS task logging is off by default. Set it to a JSON document "
            "with {\"Logging\": {\"EnableLogging\": true}}."
        )
        return
    if settings.state is State.MALFORMED or not isinstance(settings.value, dict):
        r.violation(f"{prop} cannot be read as a JSON object (invalid JSON, or nested too deeply to check): DMS "
                    "rejects settings it cannot parse, and whether logging is on cannot be told.")
        return
    logging = settings.value.get("Logging")
    enabled = Props({"Logging": logging} if isinstance(logging, dict) else {}).get("Logging.EnableLogging")
    if not enabled.is_true():
        r.violation(
            f"{prop} does not set Logging.EnableLogging to true: task errors and progress are "
            "not logged to CloudWatch. Add {\"Logging\": {\"EnableLogging\": true}}."
        )


def check(r: ResourceCheck) -> None:
    prop = SETTINGS_PROP.get(r.type, "replicationTaskSettings")
    settings = read_document(r, prop, "it must set Logging.EnableLogging to true")
    if settings is not None:
        _check_settings(r, prop, settings)


SPEC = ResourcePolicySpec(
    name="dms-task-logging-enabled",
    description=(
        "DMS replication tasks and DMS Serverless replication configs enable CloudWatch logging in their "
        "settings."
    ),
    family=Family.OPERATIONS,
    severity="medium",
    level="advisory",
    resource_types=(DMS_REPLICATION_TASK, DMS_REPLICATION_CONFIG),
    rule=(
        "`replicationTaskSettings` (ReplicationConfig: `replicationSettings`) parses as JSON and sets "
        "`Logging.EnableLogging` true; settings that cannot be read fail. DMS logs to CloudWatch only when "
        "EnableLogging is true (https://docs.aws.amazon.com/dms/latest/userguide/"
        "CHAP_Tasks.CustomizingTasks.TaskSettings.Logging.html)."
    ),
    unknown_handling="unverifiable (task or replication settings computed from another resource's output)",
    remediation=(
        "1. Set replication_task_settings=json.dumps({\"Logging\": {\"EnableLogging\": True}, ...}) on the "
        "aws.dms.ReplicationTask (replication_settings on an aws.dms.ReplicationConfig).\n"
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
        Example("DMS Serverless config with logging",
                {"replicationSettings": json.dumps({"Logging": {"EnableLogging": True}})}, "pass",
                type=DMS_REPLICATION_CONFIG),
        Example("DMS Serverless config without replicationSettings", {"replicationType": "cdc"}, "fail",
                type=DMS_REPLICATION_CONFIG, mentions=("replicationSettings",)),
        Example("Settings with an unknown inside, interpolated", {"replicationSettings": unknown()}, "unverifiable",
                type=DMS_REPLICATION_CONFIG),
    ),
)
