import pulumi_aws as aws

ami = aws.ec2.get_ami(
    most_recent=True,
    owners=["amazon"],
    filters=[
        aws.ec2.GetAmiFilterArgs(name="name", values=["al2023-ami-*-arm64"]),
        aws.ec2.GetAmiFilterArgs(name="architecture", values=["arm64"]),
    ],
)
root = ami.block_device_mappings[0]
aws.ec2.Instance(
    "worker",
    ami=ami.id,
    instance_type="t4g.small" if ami.architecture == "arm64" else "t3.small",
    root_block_device=aws.ec2.InstanceRootBlockDeviceArgs(
        volume_size=int(root.ebs["volume_size"]) * 2, encrypted=True, volume_type="gp3",
    ),
)
