import pulumi_aws as aws

version = aws.rds.get_engine_version(engine="postgres", preferred_versions=["16.4", "16.3"])
params = aws.rds.ParameterGroup("pg", family=version.parameter_group_family, parameters=[
    aws.rds.ParameterGroupParameterArgs(name="rds.force_ssl", value="1"),
])
aws.rds.Instance(
    "pg",
    engine=version.engine,
    engine_version=version.version,
    instance_class="db.t4g.micro",
    allocated_storage=20,
    username="app",
    manage_master_user_password=True,
    parameter_group_name=params.name,
    storage_encrypted=True,
    skip_final_snapshot=True,
)
