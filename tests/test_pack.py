"""The real pack, started exactly as the Pulumi CLI starts it, over the Analyzer gRPC protocol."""

from __future__ import annotations

from pathlib import Path

from pulumi.runtime import proto

from migration_guard_policies import all_specs

from .catalog_contract import CATALOG

PACK_DIR = Path(__file__).resolve().parent.parent / "policy-pack"
SECRET_SIG = {"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270"}
UNKNOWN_BOOL = "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7"
SEVERITY = {
    proto.POLICY_SEVERITY_LOW: "low",
    proto.POLICY_SEVERITY_MEDIUM: "medium",
    proto.POLICY_SEVERITY_HIGH: "high",
    proto.POLICY_SEVERITY_CRITICAL: "critical",
}
LEVEL = {proto.ADVISORY: "advisory", proto.MANDATORY: "mandatory"}


def _urn(type_: str, name: str) -> str:
    return f"urn:pulumi:dev::project::{type_}::{name}"


def test_analyzer_info_lists_every_policy_with_its_metadata(policy_pack_process) -> None:
    pack = policy_pack_process(PACK_DIR)
    pack.handshake()
    pack.configure_stack()
    info = pack.get_analyzer_info()
    assert info.name == "aws-migration-guard"
    assert info.provider == "aws" and info.readme and info.description
    assert not info.repository  # no placeholder address until the project has a public home (issue 14)
    assert set(info.tags) >= {"aws", "migration"}
    policies = {p.name: p for p in info.policies}
    assert set(CATALOG) <= set(policies), f"missing: {sorted(set(CATALOG) - set(policies))}"
    specs = {s.name: s for s in all_specs()}
    for name, policy in policies.items():
        spec = specs[name]
        assert policy.description == spec.description
        assert SEVERITY[policy.severity] == spec.severity
        assert LEVEL[policy.enforcementLevel] == spec.level
        assert policy.remediation_steps == spec.remediation
        assert list(policy.tags) == spec.all_tags()
        schema = dict(policy.configSchema.properties)
        assert "exemptions" in schema
        for key, prop in spec.config_schema().items():
            assert key in schema and ("default" in schema[key]) == ("default" in prop)
        kind = "stack" if policy.policy_type == proto.PolicyType.POLICY_TYPE_STACK else "resource"
        assert kind == spec.kind


def test_analyze_reports_violations_without_secret_values(policy_pack_process) -> None:
    pack = policy_pack_process(PACK_DIR)
    pack.configure_stack()
    pack.configure({s.name: {"enforcementLevel": s.level} for s in all_specs()})
    password = "ChangeMe123456"
    props = {
        "engine": "postgres",
        "engineVersion": "16.13",
        "identifier": "orders-db-dev",
        "password": {**SECRET_SIG, "value": password},
        "multiAz": UNKNOWN_BOOL,
    }
    response = pack.analyze("aws:rds/instance:Instance", props, _urn("aws:rds/instance:Instance", "orders-db-dev"),
                            "orders-db-dev")
    by_policy = {d.policyName: d for d in response.diagnostics}
    assert by_policy["rds-storage-encrypted"].enforcementLevel == proto.MANDATORY
    assert by_policy["rds-managed-master-password"].enforcementLevel == proto.MANDATORY
    # multiAz unknown: the policy's own advisory explanation, not a silent pass.
    multi_az = by_policy["rds-instance-multi-az"]
    assert multi_az.enforcementLevel == proto.ADVISORY
    assert "multiAz is unknown during preview" in multi_az.message
    assert all(password not in d.message for d in response.diagnostics)


def test_configured_levels_and_settings_reach_the_policies(policy_pack_process) -> None:
    pack = policy_pack_process(PACK_DIR, stack="prod")
    pack.configure_stack()
    pack.configure({
        "resource-name-environment-suffix": {"enforcementLevel": "advisory", "environmentSuffix": "pr7",
                                             "exemptTypes": []},
    })
    response = pack.analyze("aws:sns/topic:Topic", {"name": "alarms-pr7"}, _urn("aws:sns/topic:Topic", "alarms-pr7"),
                            "alarms-pr7")
    assert "resource-name-environment-suffix" not in [d.policyName for d in response.diagnostics]
    response = pack.analyze("aws:sns/topic:Topic", {"name": "alarms-prod"}, _urn("aws:sns/topic:Topic", "alarms-prod"),
                            "alarms-prod")
    naming = [d for d in response.diagnostics if d.policyName == "resource-name-environment-suffix"]
    assert len(naming) == 2  # the logical name and the `name` property
    assert all(d.enforcementLevel == proto.ADVISORY and "'pr7'" in d.message for d in naming)
