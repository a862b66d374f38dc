import pulumi_aws as aws

outpost = aws.outposts.get_outpost(name="rack-1")
service = aws.ec2.get_vpc_endpoint_service(service="s3")
aws.ec2.SecurityGroup("db-dev", description=f"{outpost.arn} {service.service_name}")
