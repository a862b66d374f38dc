import pulumi_aws as aws

subnet = aws.ec2.get_subnet_output(id="subnet-0123456789abcdef0")
aws.ec2.Instance(
    "bastion",
    ami="ami-0123456789abcdef0",
    instance_type="t3.micro",
    subnet_id=subnet.id,
    availability_zone=subnet.availability_zone,
    metadata_options=aws.ec2.InstanceMetadataOptionsArgs(http_tokens="required"),
)
