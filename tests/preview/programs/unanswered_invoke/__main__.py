import pulumi_aws as aws

vpc = aws.ec2.get_vpc(default=True)
aws.ec2.SecurityGroup("db-dev", vpc_id=vpc.id)
