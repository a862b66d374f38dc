import pulumi
import pulumi_aws as aws

config = pulumi.Config()
group = aws.rds.SubnetGroup("orders", subnet_ids=config.require_object("subnetIds"))
aws.rds.Instance(
    "orders",
    engine="postgres",
    engine_version="16.4",
    instance_class="db.t4g.medium",
    allocated_storage=20,
    username="orders",
    manage_master_user_password=True,
    db_subnet_group_name=group,
    storage_encrypted=True,
    skip_final_snapshot=True,
)
