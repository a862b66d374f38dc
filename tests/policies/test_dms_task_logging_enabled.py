"""dms-task-logging-enabled: settings shapes."""

from __future__ import annotations

import json

from migration_guard.testing.inprocess import analyze_resource
from migration_guard_policies.policies.operations.dms_task_logging_enabled import SPEC

TASK = "aws:dms/replicationTask:ReplicationTask"


def test_shapes() -> None:
    def run(settings: object):
        return analyze_resource(SPEC, TASK, {"replicationTaskSettings": json.dumps(settings)})

    assert run({"Logging": {"EnableLogging": True, "LogComponents": []}}).passed
    for bad in ([], {"Logging": None}, {"Logging": {}}, {"Logging": []}, {"TargetMetadata": {}}):
        assert len(run(bad).violations) == 1, bad


def test_replication_config_reads_replication_settings() -> None:
    config = "aws:dms/replicationConfig:ReplicationConfig"
    on = json.dumps({"Logging": {"EnableLogging": True}})
    assert analyze_resource(SPEC, config, {"replicationSettings": on}).passed
    result = analyze_resource(SPEC, config, {"replicationTaskSettings": on})  # the task's name does not count
    assert len(result.violations) == 1 and "replicationSettings" in result.violations[0].detail


def test_deep_or_malformed_settings_fail_closed() -> None:
    deep = '{"Logging": {"EnableLogging": true}, "x": ' + "[" * 2000 + "]" * 2000 + "}"
    for text in (deep, "{Logging", "[]", '"text"'):
        result = analyze_resource(SPEC, "aws:dms/replicationTask:ReplicationTask", {"replicationTaskSettings": text})
        assert len(result.violations) == 1 and not result.unverifiable, text[:20]
