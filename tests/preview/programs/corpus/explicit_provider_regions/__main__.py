import pulumi
import pulumi_aws as aws

frankfurt = aws.Provider("frankfurt", region="eu-central-1")
virginia = aws.Provider("virginia", region="us-east-1")
zones = aws.get_availability_zones(opts=pulumi.InvokeOptions(provider=frankfurt))
certificate = aws.acm.get_certificate_output(domain="example.com", opts=pulumi.InvokeOptions(provider=virginia))
identity = aws.get_caller_identity()
for index, zone in enumerate(zones.names[:2]):
    aws.ec2.Subnet(f"eu-{index}", vpc_id="vpc-0eu", cidr_block=f"10.1.{index}.0/24", availability_zone=zone,
                   opts=pulumi.ResourceOptions(provider=frankfurt))
aws.s3.BucketV2("eu-replica", opts=pulumi.ResourceOptions(provider=frankfurt))
pulumi.export("certificate", certificate.arn)
pulumi.export("account", identity.account_id)
