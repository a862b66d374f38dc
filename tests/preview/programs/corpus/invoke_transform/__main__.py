import pulumi
import pulumi_aws as aws


def only_available(args: pulumi.InvokeTransformArgs) -> pulumi.InvokeTransformResult | None:
    if args.token == "aws:index/getAvailabilityZones:getAvailabilityZones":
        return pulumi.InvokeTransformResult(args={**args.args, "excludeNames": ["us-west-2c"]}, opts=args.opts)
    return None


pulumi.runtime.register_invoke_transform(only_available)
zones = aws.get_availability_zones(state="available")
for index, zone in enumerate(zones.names):
    aws.ec2.Subnet(f"app-{index}", vpc_id="vpc-0123", cidr_block=f"10.0.{index}.0/24", availability_zone=zone)
pulumi.export("zones", zones.names)
