import pulumi
import pulumi_aws as aws


def protect_databases(args: pulumi.ResourceTransformArgs) -> pulumi.ResourceTransformResult | None:
    if args.type_ == "aws:rds/instance:Instance":
        props = {**args.props, "deletionProtection": True, "backupRetentionPeriod": 14}
        return pulumi.ResourceTransformResult(props=props, opts=pulumi.ResourceOptions.merge(args.opts, pulumi.ResourceOptions(protect=True)))
    return None


pulumi.runtime.register_resource_transform(protect_databases)

aws.rds.Instance(
    "ledger",
    engine="postgres",
    engine_version="16.4",
    instance_class="db.t4g.micro",
    allocated_storage=20,
    username="ledger",
    manage_master_user_password=True,
    storage_encrypted=True,
    skip_final_snapshot=True,
)
