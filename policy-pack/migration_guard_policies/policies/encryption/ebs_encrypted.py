"""ebs-encrypted: every EBS volume (standalone, instance block device, launch template) is encrypted."""

from __future__ import annotations

from ...context import ResourceCheck
from ...examples import Example, unknown
from ...props import Read
from ...spec import Family, ResourcePolicySpec
from ...types import EBS_VOLUME, EC2_INSTANCE, EC2_LAUNCH_TEMPLATE

WHY = "an EBS volume must be encrypted, and encryption cannot be added to an existing volume"


def _require(r: ResourceCheck, read: Read, fix: str) -> None:
    if not r.check_unknown(read, WHY) and not read.is_true():
        r.violation(f"{read.path} is not true: the volume would be unencrypted unless the account enables EBS "
                    f"encryption by default. {fix}")


def _instance(r: ResourceCheck) -> None:
    root = r.props.get("rootBlockDevice")
    if root.unknown or root.map() is not None:
        _require(r, r.props.get("rootBlockDevice.encrypted"), "Set rootBlockDevice.encrypted: true.")
    elif not r.props.get("launchTemplate").present:  # with a launch template, its mappings describe the root
        r.violation("rootBlockDevice is not set: the root volume's encryption is left to the AMI and the account "
                    "default. Set rootBlockDevice: {encrypted: true, kmsKeyId: ...}.")
    for read in r.props.all("ebsBlockDevices[*].encrypted"):
        _require(r, read, "Set encrypted: true on every ebsBlockDevices entry.")


def _launch_template(r: ResourceCheck) -> None:
    mappings = r.props.get("blockDeviceMappings")
    if mappings.unknown:
        r.unverifiable(mappings.path, WHY)
        return
    items = mappings.list() or []
    volumes = [i for i in range(len(items)) if r.props.get(f"blockDeviceMappings[{i}].ebs").present]
    if not volumes:
        r.not_applicable("the launch template describes no EBS volumes (blockDeviceMappings[].ebs)")
    for i in volumes:
        _require(r, r.props.get(f"blockDeviceMappings[{i}].ebs.encrypted"), "Set ebs.encrypted: \"true\".")


def check(r: ResourceCheck) -> None:
    if r.type == EC2_INSTANCE:
        _instance(r)
    elif r.type == EC2_LAUNCH_TEMPLATE:
        _launch_template(r)
    else:
        _require(r, r.props.get("encrypted"), "Set encrypted: true and kmsKeyId to a customer-managed KMS key.")


SPEC = ResourcePolicySpec(
    name="ebs-encrypted",
    description="Every EBS volume is encrypted: standalone volumes, instance block devices and launch templates.",
    family=Family.ENCRYPTION,
    severity="high",
    level="mandatory",
    resource_types=(EBS_VOLUME, EC2_INSTANCE, EC2_LAUNCH_TEMPLATE),
    rule=(
        "Every EBS volume is encrypted: ebs Volume `encrypted`; ec2 Instance `rootBlockDevice.encrypted` (a "
        "missing rootBlockDevice fails unless the instance uses a `launchTemplate`) and every "
        "`ebsBlockDevices[].encrypted`; ec2 LaunchTemplate `blockDeviceMappings[].ebs.encrypted` (a string "
        "`\"true\"` there). A launch template without EBS mappings: not applicable."
    ),
    unknown_handling="unverifiable (an unknown encrypted flag, block device list or mapping)",
    remediation=(
        "1. aws.ebs.Volume: set encrypted=True and kms_key_id=key.arn.\n"
        "2. aws.ec2.Instance: set root_block_device={\"encrypted\": True, \"kms_key_id\": key.arn} and "
        "encrypted=True on every ebs_block_devices entry.\n"
        "3. aws.ec2.LaunchTemplate: set ebs={\"encrypted\": \"true\", \"kms_key_id\": key.arn} in every "
        "block_device_mappings entry.\n"
        "4. Also enable account-wide default encryption (aws.ebs.EncryptionByDefault(enabled=True))."
    ),
    refs=("CKV_AWS_3", "CKV_AWS_8"),
    check=check,
    examples=(
        Example("Encrypted volume", {"availabilityZone": "us-east-1a", "size": 100, "encrypted": True}, "pass"),
        Example("Unencrypted volume", {"availabilityZone": "us-east-1a", "size": 100}, "fail", mentions=("encrypted",)),
        Example(
            "Instance with encrypted root and data volumes",
            {"instanceType": "t3.micro", "rootBlockDevice": {"encrypted": True},
             "ebsBlockDevices": [{"deviceName": "/dev/sdf", "encrypted": True}]},
            "pass",
            type=EC2_INSTANCE,
        ),
        Example(
            "Instance with an unencrypted data volume",
            {"instanceType": "t3.micro", "rootBlockDevice": {"encrypted": True},
             "ebsBlockDevices": [{"deviceName": "/dev/sdf", "encrypted": True}, {"deviceName": "/dev/sdg"}]},
            "fail",
            type=EC2_INSTANCE,
            mentions=("ebsBlockDevices[1].encrypted",),
        ),
        Example(
            "Instance without rootBlockDevice",
            {"instanceType": "t3.micro"},
            "fail",
            type=EC2_INSTANCE,
            mentions=("rootBlockDevice",),
        ),
        Example(
            "Launch template with an encrypted volume (a string there)",
            {"blockDeviceMappings": [{"deviceName": "/dev/xvda", "ebs": {"encrypted": "true", "volumeSize": 50}}]},
            "pass",
            type=EC2_LAUNCH_TEMPLATE,
        ),
        Example(
            "Launch template with encrypted \"false\"",
            {"blockDeviceMappings": [{"deviceName": "/dev/xvda", "ebs": {"encrypted": "false"}}]},
            "fail",
            type=EC2_LAUNCH_TEMPLATE,
            mentions=("blockDeviceMappings[0].ebs.encrypted",),
        ),
        Example("Volume encryption computed during preview", {"encrypted": unknown("boolean")}, "unverifiable"),
        Example(
            "Launch template without EBS mappings",
            {"imageId": "ami-0123456789abcdef0", "instanceType": "t3.micro"},
            "not_applicable",
            type=EC2_LAUNCH_TEMPLATE,
        ),
    ),
)
