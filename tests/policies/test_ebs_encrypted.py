"""ebs-encrypted: instance block devices, launch template mappings and partial unknowns."""

from __future__ import annotations

from migration_guard.testing.inprocess import analyze_resource
from migration_guard_policies.examples import unknown
from migration_guard_policies.policies.encryption.ebs_encrypted import SPEC
from migration_guard_policies.types import EBS_VOLUME, EC2_INSTANCE, EC2_LAUNCH_TEMPLATE


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
    props = {"rootBlockDevice": {"volumeSize": 20}, "ebsBlockDevices": unknown("array")}
    result = analyze_resource(SPEC, EC2_INSTANCE, props)
    assert result.violations and result.unverifiable


def test_every_unencrypted_data_volume_is_named() -> None:
    props = {"rootBlockDevice": {"encrypted": True},
             "ebsBlockDevices": [{"deviceName": "/dev/sdf"}, {"deviceName": "/dev/sdg", "encrypted": False}]}
    text = "\n".join(d.message for d in analyze_resource(SPEC, EC2_INSTANCE, props).violations)
    assert "ebsBlockDevices[0].encrypted" in text and "ebsBlockDevices[1].encrypted" in text


def test_launch_template_instance_store_mapping_is_not_an_ebs_volume() -> None:
    props = {"blockDeviceMappings": [{"deviceName": "/dev/sdb", "virtualName": "ephemeral0"}]}
    assert analyze_resource(SPEC, EC2_LAUNCH_TEMPLATE, props).not_applicable


def test_launch_template_checks_only_ebs_mappings() -> None:
    props = {"blockDeviceMappings": [{"deviceName": "/dev/sdb", "virtualName": "ephemeral0"},
                                     {"deviceName": "/dev/xvda", "ebs": {"volumeSize": 30}}]}
    result = analyze_resource(SPEC, EC2_LAUNCH_TEMPLATE, props)
    assert [d.detail.split(" is not")[0] for d in result.violations] == ["blockDeviceMappings[1].ebs.encrypted"]


def test_launch_template_unknown_mappings_are_unverifiable() -> None:
    for props in ({"blockDeviceMappings": unknown("array")},
                  {"blockDeviceMappings": [{"ebs": {"encrypted": unknown()}}]},
                  {"blockDeviceMappings": [unknown("object")]}):
        result = analyze_resource(SPEC, EC2_LAUNCH_TEMPLATE, props)
        assert result.unverifiable and not result.violations, props


def test_volume_from_snapshot_must_still_say_encrypted() -> None:
    result = analyze_resource(SPEC, EBS_VOLUME, {"snapshotId": "snap-0123456789abcdef0"})
    assert result.violations
