import pulumi
import pulumi_aws as aws


def require_tags(args: pulumi.ResourceTransformArgs) -> pulumi.ResourceTransformResult | None:
    if args.type_.startswith("aws:s3/") or args.type_.startswith("aws:sqs/"):
        tags = {**(args.props.get("tags") or {}), "Owner": "payments", "CostCenter": "cc-42"}
        return pulumi.ResourceTransformResult(props={**args.props, "tags": tags}, opts=args.opts)
    return None


class Service(pulumi.ComponentResource):
    def __init__(self, name: str, opts: pulumi.ResourceOptions | None = None) -> None:
        super().__init__("acme:app:Service", name, None, opts)
        aws.sqs.Queue(f"{name}-jobs", opts=pulumi.ResourceOptions(parent=self))
        aws.s3.BucketV2(f"{name}-assets", opts=pulumi.ResourceOptions(parent=self))
        self.register_outputs({})


Service("billing", opts=pulumi.ResourceOptions(transforms=[require_tags]))
aws.sqs.Queue("untouched")
