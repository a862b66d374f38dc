import pulumi
import pulumi_aws as aws

vpc = aws.ec2.get_vpc(default=True)
subnets = aws.ec2.get_subnets(filters=[aws.ec2.GetSubnetsFilterArgs(name="vpc-id", values=[vpc.id])])
default_group = aws.ec2.get_security_group(name="default", vpc_id=vpc.id)
web = aws.ec2.SecurityGroup(
    "web",
    vpc_id=vpc.id,
    description="web",
    ingress=[aws.ec2.SecurityGroupIngressArgs(protocol="tcp", from_port=443, to_port=443, cidr_blocks=[vpc.cidr_block])],
)
lb = aws.lb.LoadBalancer("web-lb", subnets=subnets.ids, security_groups=[web.id, default_group.id], internal=True)
pulumi.export("subnetCount", len(subnets.ids))
