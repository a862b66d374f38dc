"""The whole stack, per variant, under the mocks in preview mode: the properties the policy catalog checks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from migration_stack import settings as settings_module
from migration_stack.variants import BASE_CONFIG, NS, VARIANTS, variant_config

from . import stack_checks as checks
from .stack_harness import Run, cached_variant_run, run_stack

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module", params=VARIANTS)
def preview_run(request: pytest.FixtureRequest) -> tuple[str, Run]:
    return request.param, cached_variant_run(request.param, True)


def test_every_name_carries_the_suffix(preview_run: tuple[str, Run]) -> None:
    _, run = preview_run
    assert checks.naming_problems(run, "dev") == []


def test_every_taggable_resource_has_the_required_tags(preview_run: tuple[str, Run]) -> None:
    _, run = preview_run
    assert checks.tag_problems(run, "dev") == []


def test_no_literal_credentials(preview_run: tuple[str, Run]) -> None:
    _, run = preview_run
    assert checks.literal_credential_problems(run) == []


def test_no_deprecated_types_or_inputs(preview_run: tuple[str, Run]) -> None:
    _, run = preview_run
    assert checks.deprecation_problems(run) == []


def test_links_resolve_through_property_dependencies(preview_run: tuple[str, Run]) -> None:
    _, run = preview_run
    assert checks.nat_per_az_problems(run) == []
    assert checks.alarm_coverage_problems(run) == []
    assert checks.subnet_group_problems(run) == []
    assert checks.cluster_multi_az_problems(run) == []
    assert checks.flow_log_problems(run) == []


def test_preview_needs_no_aws_call(preview_run: tuple[str, Run]) -> None:
    _, run = preview_run
    assert run.invokes == []


def test_every_alarm_notifies(preview_run: tuple[str, Run]) -> None:
    _, run = preview_run
    alarms = run.of_type("aws:cloudwatch/metricAlarm:MetricAlarm")
    assert alarms
    topic = run.one("aws:sns/topic:Topic")
    for alarm in alarms:
        assert alarm.inputs["actionsEnabled"] is True
        assert checks.deps(alarm, "alarmActions") == [topic.urn]
        assert checks.deps(alarm, "okActions") == [topic.urn]


def test_variant_shapes() -> None:
    counts = {}
    for variant in VARIANTS:
        run = cached_variant_run(variant, True)
        counts[variant] = {
            "clusters": len(run.of_type("aws:rds/cluster:Cluster")),
            "instances": len(run.of_type("aws:rds/instance:Instance")),
            "members": len(run.of_type("aws:rds/clusterInstance:ClusterInstance")),
            "nats": len(run.of_type("aws:ec2/natGateway:NatGateway")),
            "private": sum(1 for s in run.of_type("aws:ec2/subnet:Subnet") if s.inputs["tags"]["Tier"] == "private"),
            "records": len(run.of_type("aws:route53/record:Record")),
        }
    assert counts["aurora"] == {"clusters": 1, "instances": 0, "members": 2, "nats": 2, "private": 2, "records": 0}
    assert counts["rds-instance"] == {"clusters": 0, "instances": 1, "members": 0, "nats": 2, "private": 2,
                                      "records": 0}
    assert counts["three-azs"] == {"clusters": 1, "instances": 0, "members": 3, "nats": 3, "private": 3,
                                   "records": 0}
    assert counts["regional-nat"] == {"clusters": 1, "instances": 0, "members": 2, "nats": 1, "private": 2,
                                      "records": 0}
    assert counts["cutover"] == {"clusters": 1, "instances": 0, "members": 2, "nats": 2, "private": 2, "records": 2}
    for variant in ("dms-serverless", "s3-landing", "documentdb"):
        assert counts[variant]["nats"] == 2 and counts[variant]["private"] == 2
    assert counts["dms-serverless"]["clusters"] == 1 and counts["dms-serverless"]["members"] == 2
    assert counts["s3-landing"] == {"clusters": 0, "instances": 0, "members": 0, "nats": 2, "private": 2, "records": 0}
    assert counts["documentdb"]["clusters"] == 0 and counts["documentdb"]["instances"] == 0


def test_outputs_are_comprehensive() -> None:
    run = cached_variant_run("aurora", False)
    expected = {
        "vpcId", "privateSubnetIds", "publicSubnetIds", "natGatewayIds", "flowLogId", "kmsKeyArn",
        "databaseEndpoint", "databaseReaderEndpoint", "databaseIdentifier", "databaseArn",
        "databaseInstanceIdentifiers", "databaseMasterSecretArn", "dmsReplicationInstanceArn",
        "dmsReplicationInstanceId", "dmsReplicationTaskArn", "dmsReplicationTaskId", "dmsSourceEndpointArn",
        "dmsTargetEndpointArn", "sourceSecretArn", "targetSecretArn", "alarmTopicArn", "alarmNames",
    }
    assert expected <= set(run.outputs)
    assert run.outputs["databaseIdentifier"] == "migration-aurora-dev"
    assert run.outputs["databaseInstanceIdentifiers"] == ["migration-aurora-1-dev", "migration-aurora-2-dev"]
    assert run.outputs["databaseMasterSecretArn"].startswith("arn:aws:secretsmanager:")
    assert run.outputs["dmsReplicationTaskId"] == "migration-full-load-cdc-dev"
    assert len(run.outputs["privateSubnetIds"]) == 2
    assert "cutoverRecordName" not in run.outputs
    cutover = cached_variant_run("cutover", False)
    assert cutover.outputs["cutoverRecordName"] == "db-dev.migration.example.com"


def test_main_declares_the_same_stack_and_exports(monkeypatch: pytest.MonkeyPatch) -> None:
    """__main__ (the real entry point) runs under the mocks and exports the stack's outputs."""
    import runpy

    import pulumi

    exported: dict[str, object] = {}
    monkeypatch.setattr(pulumi, "export", lambda name, value: exported.__setitem__(name, value))
    entry = REPO_ROOT / "reference-stack" / "__main__.py"
    from .stack_harness import run

    result = run(lambda: runpy.run_path(str(entry)), variant_config("aurora"))
    assert len(result.registrations) == len(cached_variant_run("aurora", False).registrations)
    assert {"vpcId", "databaseEndpoint", "dmsReplicationTaskArn", "alarmTopicArn"} <= set(exported)


def test_pulumi_dev_yaml_is_the_base_config() -> None:
    """Pulumi.dev.yaml (the documented example) and the variants' base configuration are the same."""
    document = yaml.safe_load((REPO_ROOT / "Pulumi.dev.yaml").read_text())
    assert {key: _normalise(value) for key, value in document["config"].items()} == {
        key: _normalise(value) for key, value in BASE_CONFIG.items()
    }


def _normalise(value: object) -> object:
    """Config values as the program sees them: strings, with structured values compared as JSON."""
    if isinstance(value, str):
        try:
            parsed = json.loads(value)
        except ValueError:
            return value
        return parsed if isinstance(parsed, list | dict) else value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return value


def test_engine_version_defaults_live_in_one_place() -> None:
    assert settings_module.DEFAULT_ENGINE_VERSIONS == {"aurora-postgresql": "16.13", "postgres": "16.13",
                                                       "dms": "3.6.1", "docdb": "5.0.0"}
    run = run_stack({k: v for k, v in BASE_CONFIG.items()}, preview=True)
    assert run.one("aws:rds/cluster:Cluster").inputs["engineVersion"] == "16.13"
    assert run.one("aws:dms/replicationInstance:ReplicationInstance").inputs["engineVersion"] == "3.6.1"
    rds = cached_variant_run("rds-instance", True)
    assert rds.one("aws:rds/instance:Instance").inputs["engineVersion"] == "16.13"
    assert f"{NS}:auroraEngineVersion" not in BASE_CONFIG
    docdb = cached_variant_run("documentdb", True)
    assert docdb.one("aws:docdb/cluster:Cluster").inputs["engineVersion"] == "5.0.0"


def test_longest_prefix_and_suffix_still_fit_aws_name_limits() -> None:
    config = variant_config("aurora")
    config[f"{NS}:namePrefix"] = "p" * 16
    config[f"{NS}:environmentSuffix"] = "s" * 20
    config[f"{NS}:auroraReaderCount"] = "14"
    run = run_stack(config, preview=True)
    limits = {
        ("aws:rds/cluster:Cluster", "clusterIdentifier"): 63,
        ("aws:rds/clusterInstance:ClusterInstance", "identifier"): 63,
        ("aws:dms/replicationInstance:ReplicationInstance", "replicationInstanceId"): 63,
        ("aws:iam/role:Role", "name"): 64,
        ("aws:route53/healthCheck:HealthCheck", "referenceName"): 64,
        ("aws:dms/endpoint:Endpoint", "endpointId"): 255,
        ("aws:cloudwatch/metricAlarm:MetricAlarm", "name"): 255,
        ("aws:sns/topic:Topic", "name"): 256,
    }
    checked = 0
    for (type_token, prop), limit in limits.items():
        for registration in run.of_type(type_token):
            value = registration.inputs[prop]
            assert len(value) <= limit, (registration.name, prop, len(value))
            assert "--" not in value and not value.endswith("-")
            checked += 1
    assert checked > 30
    assert len(run.of_type("aws:rds/clusterInstance:ClusterInstance")) == 15
    assert checks.naming_problems(run, "s" * 20) == []
