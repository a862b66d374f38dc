import pulumi


class Vpc(pulumi.ComponentResource):
    """As pulumi_awsx.ec2.Vpc registers itself: type awsx:ec2:Vpc, remote=True."""

    def __init__(self, resource_name: str, opts: pulumi.ResourceOptions | None = None, **props: object) -> None:
        outputs = {**props, "vpc_id": None, "public_subnet_ids": None, "private_subnet_ids": None}
        super().__init__("awsx:ec2:Vpc", resource_name, outputs, opts, remote=True)
        self.vpc_id: pulumi.Output[str] = pulumi.Output.from_input(None)  # type: ignore[assignment]
