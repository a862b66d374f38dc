import pulumi
import pulumi_aws as aws


class Network(pulumi.ComponentResource):
    def __init__(self, name: str, cidr: str, opts: pulumi.ResourceOptions | None = None) -> None:
        super().__init__("acme:network:Network", name, None, opts)
        self.vpc = aws.ec2.Vpc(name, cidr_block=cidr, opts=pulumi.ResourceOptions(parent=self))
        self.flow_logs = aws.ec2.FlowLog(
            name, vpc_id=self.vpc.id, traffic_type="ALL", log_destination_type="s3",
            log_destination="arn:aws:s3:::acme-flow-logs", opts=pulumi.ResourceOptions(parent=self),
        )
        self.register_outputs({})
