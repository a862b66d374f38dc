"""Every pulumi-policy internal that compat/pulumi_policy.py relies on, pinned against the SDK.

Source read: the pulumi-policy snapshot, sdk/python/lib/pulumi_policy/ (policy.py, deserialize.py,
proxy.py). An SDK upgrade that moves any of these fails here, loudly, instead of changing what the
pack reports.
"""

from __future__ import annotations

import inspect
from importlib.metadata import version

import pytest
from packaging.specifiers import SpecifierSet
from pulumi.runtime import proto
from pulumi_policy import (
    EnforcementLevel,
    ResourceValidationArgs,
    StackValidationArgs,
    deserialize,
    policy,
    proxy,
)

from migration_guard_policies.compat import pulumi_policy as compat
from migration_guard_policies.props import UNKNOWN_SENTINELS


def test_the_installed_sdks_are_in_the_supported_range() -> None:
    assert version("pulumi-policy") in SpecifierSet(compat.SUPPORTED_PULUMI_POLICY)
    assert version("pulumi") in SpecifierSet(compat.SUPPORTED_PULUMI)


def test_the_pack_requirements_pin_the_supported_range() -> None:
    from pathlib import Path

    requirements = (Path(__file__).resolve().parents[2] / "policy-pack" / "requirements.txt").read_text()
    assert f"pulumi-policy{compat.SUPPORTED_PULUMI_POLICY}" in requirements
    assert f"pulumi{compat.SUPPORTED_PULUMI}" in requirements


def test_servicer_class_and_constructor() -> None:
    # policy.py: class _PolicyAnalyzerServicer(proto.AnalyzerServicer), __init__(name, version, policies,
    # enforcement_level, initial_config, description, display_name, readme, provider, tags, repository)
    servicer = policy._PolicyAnalyzerServicer
    assert issubclass(compat.FastAnalyzerServicer, servicer)
    assert issubclass(servicer, proto.AnalyzerServicer)
    params = list(inspect.signature(servicer.__init__).parameters)
    assert params == ["self", "name", "version", "policies", "enforcement_level", "initial_config", "description",
                      "display_name", "readme", "provider", "tags", "repository"]
    for method in ("Analyze", "AnalyzeStack", "Configure", "ConfigureStack", "GetAnalyzerInfo"):
        assert callable(getattr(servicer, method))


def test_grpc_options_are_the_sdks() -> None:
    # policy.py: _GRPC_CHANNEL_OPTIONS, used by PolicyPack.__init__ for the server serve() mirrors.
    assert compat.GRPC_OPTIONS == policy._GRPC_CHANNEL_OPTIONS


def test_secret_and_unknown_signatures() -> None:
    # deserialize.py: SPECIAL_SIG_KEY / SPECIAL_SECRET_SIG (secrets); proxy.py: UNKNOWN_*_VALUE sentinels.
    assert compat.SPECIAL_SIG_KEY == deserialize.SPECIAL_SIG_KEY == "4dabf18193072939515e22adb298388d"
    assert compat.SPECIAL_SECRET_SIG == deserialize.SPECIAL_SECRET_SIG == "1b47061264138c4ac30d75fd1eb44270"
    sdk_sentinels = {getattr(proxy, name) for name in dir(proxy) if name.startswith("UNKNOWN_") and name.endswith("_VALUE")}
    assert sdk_sentinels == set(UNKNOWN_SENTINELS)


def test_unknown_value_error_carries_the_message_the_sdk_shows() -> None:
    # proxy.py: UnknownValueError(value, props); policy.py Analyze shows "can't run policy ... : {e.message}".
    error = proxy.UnknownValueError(proxy.UNKNOWN_STRING_VALUE, ["a"])
    error.message = "ours"
    assert error.message == "ours"
    source = inspect.getsource(policy._PolicyAnalyzerServicer.Analyze)
    assert "can't run policy '{policy.name}' from policy pack" in source and "during preview: {e.message}" in source


def test_not_applicable_is_raised_by_the_args() -> None:
    # policy.py: ResourceValidationArgs.not_applicable / StackValidationArgs.not_applicable raise _NotApplicableError.
    for args in (ResourceValidationArgs("t", {}, "u", "n", None, None), StackValidationArgs([])):  # type: ignore[arg-type]
        with pytest.raises(policy._NotApplicableError) as raised:
            args.not_applicable("why")
        assert raised.value.reason == "why"


def test_levels_and_analyze_skip_rules_match() -> None:
    # policy.py Analyze: DISABLED skipped, REMEDIATE reported as MANDATORY; the fast path does the same.
    source = inspect.getsource(policy._PolicyAnalyzerServicer.Analyze)
    assert "EnforcementLevel.DISABLED" in source and "enforcement_level = EnforcementLevel.MANDATORY" in source
    assert set(compat._LEVEL_TO_PROTO) == set(EnforcementLevel)


def test_configure_reads_policy_config_as_the_sdk() -> None:
    # policy.py Configure: request.policyConfig[name].properties / .enforcementLevel.
    source = inspect.getsource(policy._PolicyAnalyzerServicer.Configure)
    assert "request.policyConfig" in source and "v.enforcementLevel" in source and "v.properties" in source


def test_what_the_sdk_path_reads_from_the_servicer() -> None:
    # policy.py, _PolicyAnalyzerServicer: Analyze(self, request, _context) and AnalyzeStack(self, request, _context)
    # call policy.validate(args, report_violation) (compat._sdk_call finds them by code object);
    # Configure replaces self.__policy_pack_config with a new dict (compat._sdk_begin resets the state on it);
    # __policies holds the pack's policies and _get_enforcement_level(policy) their level in force;
    # AnalyzeStack runs every policy isinstance(policy, StackValidationPolicy) says is one, GetAnalyzerInfo
    # types a policy RESOURCE when isinstance(policy, ResourceValidationPolicy) comes first.
    from migration_guard_policies.policies.encryption.ebs_encrypted import SPEC

    servicer = policy._PolicyAnalyzerServicer
    for method in (servicer.Analyze, servicer.AnalyzeStack):
        assert list(inspect.signature(method).parameters)[:2] == ["self", "request"]
        assert "policy.validate(args, report_violation)" in inspect.getsource(method)
        assert method.__code__ in compat._SDK_CALLERS
    configure = inspect.getsource(servicer.Configure)
    assert "config, config_enforcement_level = {}, {}" in configure and "self.__policy_pack_config = config" in configure
    assert "isinstance(policy, StackValidationPolicy)" in inspect.getsource(servicer.AnalyzeStack)
    info = inspect.getsource(servicer.GetAnalyzerInfo)
    assert info.index("isinstance(policy, ResourceValidationPolicy)") < info.index("isinstance(policy, StackValidationPolicy)")
    policies = compat.policies_for([SPEC])
    instance = compat.sdk_servicer("p", policies)
    assert isinstance(getattr(instance, compat._SDK_CONFIG_ATTR), dict)
    assert getattr(instance, compat._SDK_POLICIES_ATTR) == policies
    assert instance._get_enforcement_level(policies[0]) is EnforcementLevel(SPEC.level)
