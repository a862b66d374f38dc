"""ebs-encrypted: instance block devices, launch template mappings and partial unknowns."""

from __future__ import annotations

from migration_guard.testing.inprocess import PackSession, analyze_resource, analyze_stack, urn_of
from migration_guard_policies.examples import StackResource, unknown
from migration_guard_policies.policies.encryption.ebs_encrypted import SPEC
from migration_guard_policies.types import (
    EBS_ENCRYPTION_BY_DEFAULT,
    EBS_VOLUME,
    EC2_INSTANCE,
    EC2_LAUNCH_TEMPLATE,
)


def test_instance_using_a_launch_template_needs_no_root_block_device() -> None:
    props = {"launchTemplate": {"id": unknown(), "version": "$Latest"}}
    assert analyze_resource(SPEC, EC2_INSTANCE, props).passed


def test_known_false_is_reported_even_when_a_sibling_is_unknown() -> None:
    props = {"rootBlockDevice": {"encrypted": False, "kmsKeyId": unknown()}}
    result = analyze_resource(SPEC, EC2_INSTANCE, props)
    assert result.violations and not result.unverifiable
    assert "rootBlockDevice.encrypted" in result.violations[0].message


def test_unknown_root_block_device_is_unverifiable() -> None:
    result = analyze_resource(SPEC, EC2_INSTANCE, {"rootBlockDevice": unknown("object")})
    assert result.unverifiable and not result.violations


def test_unknown_data_volume_list_is_unverifiable_but_root_still_checked() -> None:
    props = {"rootBlockDevice": {"volumeSize": 20, "encrypted": False}, "ebsBlockDevices": unknown("array")}
    result = analyze_resource(SPEC, EC2_INSTANCE, props)
    assert result.violations and result.unverifiable


def preview(resources: list[StackResource]):
    """One pack session: Analyze each resource's inputs, then AnalyzeStack (which runs stack_check)."""
    session = PackSession(SPEC)
    analyze = [session.analyze(r.type, r.props, name=r.name) for r in resources]
    return analyze, session.analyze_stack(resources)


def test_every_unencrypted_data_volume_is_named() -> None:
    props = {"rootBlockDevice": {"encrypted": True},
             "ebsBlockDevices": [{"deviceName": "/dev/sdf"}, {"deviceName": "/dev/sdg", "encrypted": False}]}
    (analyzed,), stack = preview([StackResource(EC2_INSTANCE, "i-dev", props)])
    assert [d.detail.split(" is false")[0] for d in analyzed.violations] == ["ebsBlockDevices[1].encrypted"]
    assert "ebsBlockDevices[0].encrypted not set" in stack.violations[0].detail  # omitted: decided by the stack


def test_launch_template_instance_store_mapping_is_not_an_ebs_volume() -> None:
    props = {"blockDeviceMappings": [{"deviceName": "/dev/sdb", "virtualName": "ephemeral0"}]}
    assert analyze_resource(SPEC, EC2_LAUNCH_TEMPLATE, props).not_applicable


def test_launch_template_checks_only_ebs_mappings() -> None:
    props = {"blockDeviceMappings": [{"deviceName": "/dev/sdb", "virtualName": "ephemeral0"},
                                     {"deviceName": "/dev/xvda", "ebs": {"volumeSize": 30}}]}
    (analyzed,), stack = preview([StackResource(EC2_LAUNCH_TEMPLATE, "lt-dev", props)])
    assert analyzed.passed
    assert [d.detail.split(" not set")[0] for d in stack.violations] == ["'lt-dev': blockDeviceMappings[1].ebs.encrypted"]


def test_launch_template_unknown_mappings_are_unverifiable() -> None:
    for props in ({"blockDeviceMappings": unknown("array")},
                  {"blockDeviceMappings": [{"ebs": {"encrypted": unknown()}}]},
                  {"blockDeviceMappings": [unknown("object")]}):
        result = analyze_resource(SPEC, EC2_LAUNCH_TEMPLATE, props)
        assert result.unverifiable and not result.violations, props


def test_volume_from_snapshot_must_still_say_encrypted() -> None:
    _, stack = preview([StackResource(EBS_VOLUME, "v-dev", {"snapshotId": "snap-0123456789abcdef0"})])
    assert stack.violations


def test_malformed_flags_fail_closed() -> None:
    assert analyze_resource(SPEC, EBS_VOLUME, {"encrypted": {"value": True}}).violations
    result = analyze_resource(SPEC, EC2_INSTANCE, {"rootBlockDevice": "encrypted"})
    assert result.violations and "cannot be read" in result.violations[0].detail


# The stack part (r2): volumes without an explicit setting pass when the stack enables EBS
# encryption by default for their Region. SPEC.stack_check runs at AnalyzeStack, where the whole stack
# is visible (the EncryptionByDefault may register after the volume), under ebs-encrypted's own name.


def volume(name: str, **props: object) -> StackResource:
    return StackResource(EBS_VOLUME, name, {"availabilityZone": "us-east-1a", "size": 10, **props})


def by_default(name: str, **props: object) -> StackResource:
    return StackResource(EBS_ENCRYPTION_BY_DEFAULT, name, dict(props))


def test_default_encryption_in_the_same_region_covers_omitted_settings() -> None:
    resources = [volume("data-dev", region="us-east-1"), by_default("ebs-default-dev", region="us-east-1")]
    assert analyze_stack(SPEC, resources).passed


def test_default_encryption_in_another_region_does_not() -> None:
    resources = [volume("data-dev", region="us-east-1"), by_default("ebs-default-dev", region="eu-west-1")]
    result = analyze_stack(SPEC, resources)
    assert [d.urn for d in result.violations] == [urn_of("data-dev", resources)]


def test_disabled_default_encryption_does_not_cover() -> None:
    resources = [volume("data-dev"), by_default("ebs-default-dev", enabled=False)]
    assert analyze_stack(SPEC, resources).violations


def test_unknown_enabled_or_region_is_unverifiable() -> None:
    assert analyze_stack(SPEC, [volume("data-dev"), by_default("d-dev", enabled=unknown("boolean"))]).unverifiable
    assert analyze_stack(SPEC, [volume("data-dev", region=unknown()), by_default("d-dev")]).unverifiable


def test_explicit_settings_are_left_to_the_resource_check() -> None:
    resources = [volume("a-dev", encrypted=False), volume("b-dev", encrypted=True),
                 StackResource(EC2_INSTANCE, "i-dev", {"rootBlockDevice": {"encrypted": True}})]
    assert analyze_stack(SPEC, resources).passed


def test_instances_and_launch_templates_are_covered_too() -> None:
    resources = [StackResource(EC2_INSTANCE, "i-dev", {"instanceType": "t3.micro"}),
                 StackResource(EC2_LAUNCH_TEMPLATE, "lt-dev", {"blockDeviceMappings": [{"ebs": {"volumeSize": 8}}]})]
    assert len(analyze_stack(SPEC, resources).violations) == 2
    assert analyze_stack(SPEC, [*resources, by_default("d-dev")]).passed
