import pulumi
import pulumi_aws as aws

config = pulumi.Config()
database = config.require_secret_object("database")
port = config.require_secret_int("databasePort")
replicas = config.get_int("replicas") or 1
api_token = config.require_secret("apiToken")

aws.rds.Cluster(
    "app",
    engine="aurora-postgresql",
    master_username=database.apply(lambda d: d["username"]),
    master_password=database.apply(lambda d: d["password"]),
    port=port,
    storage_encrypted=True,
    skip_final_snapshot=True,
)
aws.ssm.Parameter("api-token", type="SecureString", value=api_token)
pulumi.export("replicas", replicas)
