import pulumi
import pulumi_aws as aws

vpc = aws.ec2.Vpc("main", cidr_block="10.20.0.0/16", enable_dns_hostnames=True, tags={"Name": "main"})
subnets = [
    aws.ec2.Subnet(f"private-{index}", vpc_id=vpc, cidr_block=f"10.20.{index}.0/24")
    for index in range(2)
]
group = aws.ec2.SecurityGroup("db", vpc_id=vpc.id, description="database")
pulumi.export("vpcId", vpc.id)
pulumi.export("subnetIds", [s.id for s in subnets])
