import pulumi
import pulumi_aws as aws


class Storage(pulumi.ComponentResource):
    def __init__(self, name: str, opts: pulumi.ResourceOptions | None = None) -> None:
        super().__init__("acme:storage:Storage", name, None, opts)
        aws.s3.BucketV2(
            f"{name}-data",
            opts=pulumi.ResourceOptions(parent=self, aliases=[pulumi.Alias(name="data", parent=pulumi.ROOT_STACK_RESOURCE)]),
        )
        self.register_outputs({})


Storage("reports", opts=pulumi.ResourceOptions(aliases=[pulumi.Alias(name="old-reports")]))
aws.sqs.Queue("events", opts=pulumi.ResourceOptions(aliases=[pulumi.Alias(name="legacy-events"), "urn:pulumi:dev::aliases-renamed::aws:sqs/queue:Queue::ancient"]))
