"""ebs-encrypted: every EBS volume (standalone, instance block device, launch template) is encrypted."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...context import ResourceCheck, StackCheck, StackResourceView
from ...examples import Example, unknown
from ...props import Props, Read, State
from ...spec import Family, ResourcePolicySpec
from ...types import EBS_ENCRYPTION_BY_DEFAULT, EBS_VOLUME, EC2_INSTANCE, EC2_LAUNCH_TEMPLATE
from ._common import program_inputs

WHY = "an EBS volume must be encrypted, and encryption cannot be added to an existing volume"
VOLUME_TYPES = (EBS_VOLUME, EC2_INSTANCE, EC2_LAUNCH_TEMPLATE)


@dataclass
class Settings:
    """The encryption settings of one resource's volumes, as the program wrote them."""

    explicit: list[Read] = field(default_factory=list)  # set: true, false, unknown or unreadable
    omitted: list[str] = field(default_factory=list)  # paths the program left out
    missing_root: bool = False  # an instance without rootBlockDevice nor launchTemplate
    unknown_blocks: list[str] = field(default_factory=list)  # a whole block list computed elsewhere


def _flag(settings: Settings, read: Read) -> None:
    if read.state in (State.ABSENT, State.NULL):
        settings.omitted.append(read.path)
    else:
        settings.explicit.append(read)


def _instance(props: Props, settings: Settings) -> None:
    root = props.get("rootBlockDevice")
    if root.unknown:
        settings.unknown_blocks.append(root.path)
    elif root.map() is not None:
        _flag(settings, props.get("rootBlockDevice.encrypted"))
    elif root.present:
        settings.explicit.append(Read(root.path, State.MALFORMED))
    elif not props.get("launchTemplate").present:  # with a launch template, its mappings describe the root
        settings.missing_root = True
    for read in props.all("ebsBlockDevices[*].encrypted"):
        if read.unknown and read.path.endswith("[*]"):
            settings.unknown_blocks.append(read.path)
        else:
            _flag(settings, read)


def _launch_template(props: Props, settings: Settings) -> bool:
    """False when the template describes no EBS volume."""
    mappings = props.get("blockDeviceMappings")
    if mappings.unknown:
        settings.unknown_blocks.append(mappings.path)
        return True
    items = mappings.list() or []
    volumes = [i for i in range(len(items)) if props.get(f"blockDeviceMappings[{i}].ebs").present]
    for i in volumes:
        _flag(settings, props.get(f"blockDeviceMappings[{i}].ebs.encrypted"))
    return bool(volumes)


def settings_of(resource_type: str, props: Props) -> Settings | None:
    """The volumes' encryption settings; None for a launch template without EBS volumes."""
    settings = Settings()
    if resource_type == EC2_INSTANCE:
        _instance(props, settings)
    elif resource_type == EC2_LAUNCH_TEMPLATE:
        if not _launch_template(props, settings):
            return None
    else:
        _flag(settings, props.get("encrypted"))
    return settings


def _omitted_message(settings: Settings) -> str:
    parts = list(settings.omitted)
    if settings.missing_root:
        parts.insert(0, "rootBlockDevice")
    return (f"{', '.join(parts)} not set: the volume would be unencrypted unless EBS encryption by default is "
            "enabled for its Region, and the stack does not enable aws.ebs.EncryptionByDefault there. Set "
            "encrypted: true (a string \"true\" in launch templates) with a customer-managed kmsKeyId, or add "
            "aws.ebs.EncryptionByDefault(enabled=True) for this provider's Region.")


def check(r: ResourceCheck) -> None:
    settings = settings_of(r.type, r.props)
    if settings is None:
        r.not_applicable("the launch template describes no EBS volumes (blockDeviceMappings[].ebs)")
    for path in settings.unknown_blocks:
        r.unverifiable(path, WHY)
    for read in settings.explicit:
        if not r.check_unknown(read, WHY) and not read.is_true():
            shown = "cannot be read as true/false" if read.state is State.MALFORMED or read.bool() is None else "false"
            r.violation(f"{read.path} is {shown}: the volume would be unencrypted. Set it to true and kmsKeyId to "
                        "a customer-managed KMS key.")
    # An omitted setting is left to stack_check: the stack's aws.ebs.EncryptionByDefault may register
    # after this resource, so Analyze cannot decide it.


# --- the stack part: volumes left to the Region's EBS encryption by default ---------------------


def _region(props: Props, provider: Props) -> str | None:
    """The resource's Region: its own `region` (pulumi-aws 7) or its provider's; "" when neither says."""
    for read in (props.get("region"), provider.get("region")):
        if read.has_unknown():
            return None
        value = read.str()
        if value:
            return value.lower()
    return ""


def _default_encryption(c: StackCheck) -> tuple[set[str], bool]:
    """Regions whose EBS encryption by default the stack enables, and whether some cannot be decided."""
    enabled: set[str] = set()
    undecided = False
    for resource in c.of_type(EBS_ENCRYPTION_BY_DEFAULT):
        flag = resource.props.get("enabled")  # defaults to true
        region = _region(resource.props, resource.provider)
        if flag.has_unknown() or region is None:
            undecided = True
        elif flag.is_true() or flag.state in (State.ABSENT, State.NULL):
            enabled.add(region)
    return enabled, undecided


def _program_settings(c: StackCheck, resource: StackResourceView) -> Settings | None:
    """What the program set: the Analyze inputs when the pack saw them, else the stack's view."""
    inputs = program_inputs(c, resource)
    return settings_of(resource.type, inputs if inputs is not None else resource.props)


def stack_check(c: StackCheck) -> None:
    enabled, undecided = _default_encryption(c)
    for resource in c.of_type(*VOLUME_TYPES):
        settings = _program_settings(c, resource)
        if settings is None or not (settings.omitted or settings.missing_root):
            continue
        region = _region(resource.props, resource.provider)
        if region is not None and region in enabled:
            continue
        if region is None or undecided:
            c.unverifiable_for(resource, "region", "volumes without an explicit encrypted setting rely on the "
                               "stack's aws.ebs.EncryptionByDefault for their Region")
            continue
        c.violation(f"'{resource.name}': {_omitted_message(settings)}", resource)


SPEC = ResourcePolicySpec(
    name="ebs-encrypted",
    description="Every EBS volume is encrypted: standalone volumes, instance block devices and launch templates.",
    family=Family.ENCRYPTION,
    severity="high",
    level="mandatory",
    resource_types=(EBS_VOLUME, EC2_INSTANCE, EC2_LAUNCH_TEMPLATE),
    rule=(
        "Every EBS volume is encrypted: ebs Volume `encrypted`; ec2 Instance `rootBlockDevice.encrypted` and every "
        "`ebsBlockDevices[].encrypted`; ec2 LaunchTemplate `blockDeviceMappings[].ebs.encrypted` (a string "
        "`\"true\"` there). A setting that is false or unreadable fails at Analyze. A volume without an explicit "
        "setting (and an instance with neither rootBlockDevice nor launchTemplate) passes when the stack enables "
        "`aws.ebs.EncryptionByDefault` (`enabled` true or omitted) for that resource's Region (its `region` or "
        "its provider's), and fails otherwise: EBS encryption by default is a per-Region account setting "
        "(Amazon EBS User Guide, \"Enable Amazon EBS encryption by default\"). That part is the policy's stack "
        "check, run at AnalyzeStack under this policy's name and level, because the EncryptionByDefault may be "
        "registered after the volume (the engine runs AnalyzeStack after every Analyze of the preview); it "
        "reads what the program set from the Analyze inputs, since planned outputs show an omitted `encrypted` "
        "as unknown. A launch template without EBS mappings: not applicable."
    ),
    unknown_handling=(
        "unverifiable (an unknown encrypted flag, block device list or mapping; for an omitted setting, an "
        "unknown Region of the volume or an EncryptionByDefault whose Region or enabled flag is unknown)"
    ),
    remediation=(
        "1. aws.ebs.Volume: set encrypted=True and kms_key_id=key.arn.\n"
        "2. aws.ec2.Instance: set root_block_device={\"encrypted\": True, \"kms_key_id\": key.arn} and "
        "encrypted=True on every ebs_block_devices entry.\n"
        "3. aws.ec2.LaunchTemplate: set ebs={\"encrypted\": \"true\", \"kms_key_id\": key.arn} in every "
        "block_device_mappings entry.\n"
        "4. Also enable account-wide default encryption (aws.ebs.EncryptionByDefault(enabled=True))."
    ),
    refs=("CKV_AWS_3", "CKV_AWS_8"),
    stack_check=stack_check,
    check=check,
    examples=(
        Example("Encrypted volume", {"availabilityZone": "us-east-1a", "size": 100, "encrypted": True}, "pass"),
        Example("Volume explicitly unencrypted", {"availabilityZone": "us-east-1a", "size": 100, "encrypted": False},
                "fail", mentions=("encrypted",)),
        Example("Volume without an explicit setting (left to the stack check: EncryptionByDefault)",
                {"availabilityZone": "us-east-1a", "size": 100}, "pass"),
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
             "ebsBlockDevices": [{"deviceName": "/dev/sdf", "encrypted": True},
                                 {"deviceName": "/dev/sdg", "encrypted": False}]},
            "fail",
            type=EC2_INSTANCE,
            mentions=("ebsBlockDevices[1].encrypted",),
        ),
        Example(
            "Instance without rootBlockDevice (left to the stack check: EncryptionByDefault)",
            {"instanceType": "t3.micro"},
            "pass",
            type=EC2_INSTANCE,
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
