"""Library users composing their own pulumi_policy.PolicyPack from policies_for(...) get the SDK's own
servicer (pulumi-policy sdk/python/lib/pulumi_policy/policy.py, ``_PolicyAnalyzerServicer``) and, through it,
what the pack's fast servicer does: the state reset by each Configure with every configured exemption noted,
values that arrived as secrets never echoed, a resource policy's stack_check at AnalyzeStack. Every test
runs both paths (``path="fast"`` / ``path="sdk"``, migration_guard.testing.inprocess) and compares."""

from __future__ import annotations

from typing import Any

import pytest
from pulumi.runtime import proto
from pulumi_policy import PolicyConfigSchema, ResourceValidationArgs, ResourceValidationPolicy

from migration_guard.testing.inprocess import PackSession, analyze_resource, analyze_stack, urn_of
from migration_guard_policies.compat.pulumi_policy import (
    _SDK_CONFIG_ATTR,
    ConfigurationRefused,
    SdkPathError,
    policies_for,
    sdk_servicer,
)
from migration_guard_policies.examples import StackResource, secret
from migration_guard_policies.policies.encryption.ebs_encrypted import SPEC as EBS
from migration_guard_policies.policies.operations.cloudwatch_log_group_retention import SPEC as RETENTION
from migration_guard_policies.policies.operations.exemptions_unused import SPEC as UNUSED
from migration_guard_policies.policies.versions.rds_engine_version_supported import SPEC as RDS_VERSION
from migration_guard_policies.types import EBS_VOLUME

PATHS = ("fast", "sdk")
EBS_BY_DEFAULT = "aws:ebs/encryptionByDefault:EncryptionByDefault"
LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup"
TOPIC = "aws:sns/topic:Topic"


@pytest.mark.parametrize("path", PATHS)
def test_a_resource_policys_stack_check_runs_at_analyze_stack(path: Any) -> None:
    """ebs-encrypted decides omitted settings at AnalyzeStack (EncryptionByDefault of the volume's Region)."""
    volume = StackResource(EBS_VOLUME, "data-dev", {"availabilityZone": "us-east-1a", "size": 10, "region": "us-east-1"})
    other_region = StackResource(EBS_BY_DEFAULT, "ebs-default-dev", {"region": "eu-west-1"})
    result = analyze_stack(EBS, [volume, other_region], path=path)
    assert [(d.policy, d.urn) for d in result.violations] == [(EBS.name, urn_of("data-dev", [volume]))]
    same_region = StackResource(EBS_BY_DEFAULT, "ebs-default-dev", {"region": "us-east-1"})
    assert analyze_stack(EBS, [volume, same_region], path=path).passed


def test_the_sdk_lists_a_policy_with_a_stack_check_as_a_resource_policy() -> None:
    info = sdk_servicer("p", policies_for([EBS])).GetAnalyzerInfo(None, None)
    assert [(p.name, p.policy_type) for p in info.policies] == [(EBS.name, proto.PolicyType.POLICY_TYPE_RESOURCE)]


@pytest.mark.parametrize("path", PATHS)
def test_a_value_that_arrived_as_a_secret_is_never_echoed(path: Any) -> None:
    plain = analyze_resource(RDS_VERSION, "aws:rds/instance:Instance", {"engine": "postgres", "engineVersion": "14.7"},
                             path=path)
    assert plain.violations and "14.7" in plain.all_text()  # an engine version is echoed...
    hidden = analyze_resource(RDS_VERSION, "aws:rds/instance:Instance",
                              {"engine": "postgres", "engineVersion": secret("14.7")}, path=path)
    assert hidden.violations and "14.7" not in hidden.all_text()  # ...unless it arrived as a secret


@pytest.mark.parametrize("path", PATHS)
def test_a_new_configure_resets_the_state(path: Any) -> None:
    session = PackSession([RETENTION, UNUSED], path=path, config={RETENTION.name: {"exemptions": [
        {"resource": "old-logs-dev", "reason": "renamed"}]}})
    session.analyze(LOG_GROUP, {}, name="logs-dev")
    assert "old-logs-dev" in session.analyze_stack([StackResource(LOG_GROUP, "logs-dev", {})]).violations[0].detail
    session.configure({})  # the exemption is gone from the configuration, and what was recorded with it
    session.analyze(LOG_GROUP, {}, name="logs-dev")
    assert session.analyze_stack([StackResource(LOG_GROUP, "logs-dev", {})]).passed


@pytest.mark.parametrize("path", PATHS)
def test_exemptions_of_a_policy_that_saw_no_resource_of_its_type_are_unused(path: Any) -> None:
    """Configure notes every active policy's exemptions, not only those of policies that ran."""
    session = PackSession([RETENTION, UNUSED], path=path, config={RETENTION.name: {"exemptions": [
        {"resource": "logs-*", "reason": "short-lived"}]}})
    session.analyze(TOPIC, {}, name="alerts-dev")
    result = session.analyze_stack([StackResource(TOPIC, "alerts-dev", {})])
    assert [d.policy for d in result.violations] == [UNUSED.name]
    assert "logs-*" in result.violations[0].detail and RETENTION.name in result.violations[0].detail


def test_a_caller_other_than_the_sdk_servicer_fails_loudly() -> None:
    [policy] = policies_for([RETENTION])
    args = ResourceValidationArgs(LOG_GROUP, {}, "urn:pulumi:dev::p::" + LOG_GROUP + "::logs-dev", "logs-dev",
                                  None, None)  # type: ignore[arg-type]
    with pytest.raises(SdkPathError, match="secrets could not be told apart"):
        policy.validate(args, lambda message, urn=None: None)


def test_an_unusable_config_stops_the_first_call_with_every_problem() -> None:
    """The SDK's Configure accepts anything (policy.py, Configure), so the first Analyze after it raises the
    problems the fast servicer's Configure refuses, in the same words; the engine stops on the failed call."""
    config = {RETENTION.name: {"minDay": 3, "exemptions": [{"resource": "x", "reason": "y", "expires": "2027-02-30"}]}}
    with pytest.raises(ConfigurationRefused) as at_configure:
        PackSession([RETENTION, UNUSED], path="fast", config=config)
    session = PackSession([RETENTION, UNUSED], path="sdk", config=config)
    with pytest.raises(ConfigurationRefused) as at_analyze:
        session.analyze(LOG_GROUP, {}, name="logs-dev")
    assert at_analyze.value.lines == at_configure.value.lines == [
        f"{RETENTION.name}: Additional property minDay is not allowed",
        f"{RETENTION.name}: exemptions.0.expires: Does not match format 'date'",
    ]
    session.configure({})  # a usable configuration: the policies decide again
    assert session.analyze(LOG_GROUP, {}, name="logs-dev").violations


def _other_policy(seen: list[dict[str, Any]]) -> ResourceValidationPolicy:
    """A policy that is not MigrationGuard's: the pack holding it is served by the SDK's own methods."""
    def validate(args: ResourceValidationArgs, report: Any) -> None:
        seen.append(dict(args.get_config() or {}))
    return ResourceValidationPolicy("other-policy", "Another pack author's policy", validate,
                                    config_schema=PolicyConfigSchema(properties={"limit": {"type": "number"}}))


@pytest.mark.parametrize("value", [float("nan"), float("inf")])
def test_a_mixed_pack_refuses_an_unusable_config_as_the_pure_pack_does(value: float) -> None:
    """A pack mixing MigrationGuard and other policies takes the SDK's methods on the fast servicer; its
    Configure refuses a MigrationGuard entry with the problems the pure pack lists (it used to swallow the SDK's
    conversion error, so the policies went on with the previous configuration, unrefused)."""
    config = {RETENTION.name: {"minDays": value}}
    with pytest.raises(ConfigurationRefused) as pure:
        PackSession([RETENTION], path="fast", config=config)
    seen: list[dict[str, Any]] = []
    with pytest.raises(ConfigurationRefused) as mixed:
        PackSession([RETENTION, _other_policy(seen)], path="fast", config=config)
    assert mixed.value.lines == pure.value.lines == [
        f"{RETENTION.name}: minDays: Invalid type. Expected: integer, given: non-finite number"]


def test_a_mixed_pack_fails_a_configure_the_sdk_cannot_convert() -> None:
    """A value in another policy's entry that the SDK's Configure cannot convert (json_format.MessageToDict
    refuses NaN) fails the call instead of keeping the previous configuration."""
    seen: list[dict[str, Any]] = []
    session = PackSession([RETENTION, _other_policy(seen)], path="fast", config={"other-policy": {"limit": 5}})
    session.analyze(LOG_GROUP, {}, name="logs-dev")
    assert seen == [{"limit": 5}]
    with pytest.raises(ValueError, match="NaN"):
        session.configure({"other-policy": {"limit": float("nan")}})
    session.configure({RETENTION.name: {"minDays": 1}, "other-policy": {"limit": 6}})
    assert not session.analyze(LOG_GROUP, {"retentionInDays": 1}, name="logs-dev").violations
    assert seen[-1] == {"limit": 6}


@pytest.mark.parametrize("path", PATHS)
def test_an_enforcement_level_among_the_properties_is_refused_on_both_paths(path: Any) -> None:
    """The CLI never sends a level among a policy's properties: pulumi/pulumi pkg/resource/analyzer/config.go
    (``parsePolicyPackConfig`` -> ``extractEnforcementLevel``, which deletes "enforcementLevel" from the map and
    returns it as the entry's EnforcementLevel) and sdk/go/common/resource/plugin/analyzer_plugin.go
    (``(*analyzer).Configure``: the level goes in PolicyConfig.enforcementLevel, the properties from the map, via
    structpb.NewStruct). One there came from another caller and is what a misspelt key is: refused, on both
    paths alike (the SDK path used to drop it and accept the rest)."""
    config = {RETENTION.name: {"enforcementLevel": "mandatory", "minDays": 3}}
    expected = [f"{RETENTION.name}: Additional property enforcementLevel is not allowed"]
    with pytest.raises(ConfigurationRefused) as refused:
        session = PackSession([RETENTION, UNUSED], path=path, config=config)
        session.analyze(LOG_GROUP, {}, name="logs-dev")
    assert refused.value.lines == expected


@pytest.mark.parametrize("entry", [["minDays", 3], [], "", 0, False])
def test_a_policy_config_that_is_not_an_object_fails_the_call(entry: Any) -> None:
    """The SDK's Configure always stores an object (json_format.MessageToDict of a Struct), but a config that is
    not one is never read as "not set": every call fails with the type the CLI's schema requires (config.go,
    ``convertSchema``: ``"type": "object"``). (A truthy value without ``copy`` already fails in the SDK's
    ``_get_policy_config``; these are the ones it hands on, the empty ones as "no config".)"""
    session = PackSession([RETENTION, UNUSED], path="sdk", config={})
    setattr(session.servicer, _SDK_CONFIG_ATTR, {RETENTION.name: entry})
    for _ in range(2):
        with pytest.raises(ConfigurationRefused) as refused:
            session.analyze(LOG_GROUP, {"retentionInDays": 1}, name="logs-dev")
        assert len(refused.value.lines) == 1
        assert refused.value.lines[0].startswith(f"{RETENTION.name}: Invalid type. Expected: object, given: ")
    with pytest.raises(ConfigurationRefused):
        session.analyze_stack([StackResource(LOG_GROUP, "logs-dev", {"retentionInDays": 1})])
