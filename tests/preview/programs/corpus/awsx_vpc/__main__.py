import pulumi
import pulumi_awsx as awsx

vpc = awsx.ec2.Vpc("main", cidr_block="10.0.0.0/16", number_of_availability_zones=2)
pulumi.export("vpcId", vpc.vpc_id)
