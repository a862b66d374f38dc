import pulumi
import pulumi_aws as aws


class Database(pulumi.ComponentResource):
    """A component with a child, to check type chains in URNs and parents."""

    def __init__(self, name: str, password: pulumi.Input[str], opts: pulumi.ResourceOptions | None = None):
        super().__init__("preview:index:Database", name, None, opts)
        self.instance = aws.rds.Instance(
            f"{name}-instance",
            engine="postgres",
            instance_class="db.t3.micro",
            allocated_storage=20,
            username="app",
            password=password,
            storage_encrypted=False,
            backup_retention_period=pulumi.Config().get_int("retentionDays"),
            opts=pulumi.ResourceOptions(parent=self),
        )
        self.register_outputs({"endpoint": self.instance.endpoint})
