import pulumi
import pulumi_aws as aws
from components import Database

config = pulumi.Config()
zones = aws.get_availability_zones()
identity = aws.get_caller_identity()
document = aws.iam.get_policy_document(
    statements=[{"actions": ["s3:GetObject"], "resources": ["*"], "principals": [{"type": "AWS", "identifiers": [identity.account_id]}]}]
)

logs = aws.s3.Bucket("logs-dev")
aws.s3.BucketServerSideEncryptionConfiguration(
    "logs-sse-dev",
    bucket=logs.id,
    rules=[{"apply_server_side_encryption_by_default": {"sse_algorithm": "aws:kms"}}],
)
archive = aws.s3.Bucket("archive-dev", tags={"Environment": "dev"}, policy=document.json)
database = Database("orders-dev", password=config.require_secret("dbPassword"))
literal_secret = aws.rds.Instance(
    "reports-dev",
    engine="postgres",
    instance_class="db.t3.micro",
    allocated_storage=20,
    username="app",
    password=pulumi.Output.secret("Sup3rSecretLiteral!"),
    storage_encrypted=True,
    backup_retention_period=14,
    availability_zone=zones.names[0],
)
east = aws.Provider("east", region="us-east-1")
aws.s3.Bucket("replica-dev", opts=pulumi.ResourceOptions(provider=east))
existing_key = aws.kms.Key.get("existing-key-dev", "1234abcd-12ab-34cd-56ef-1234567890ab")
pulumi.export("endpoint", database.instance.endpoint)
pulumi.export("reportsIdentifier", literal_secret.identifier)
