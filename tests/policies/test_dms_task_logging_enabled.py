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
