"""The team's component (unchanged by the fix): everything it needs comes in through TapStackArgs."""

import json

import pulumi
import pulumi_aws as aws


class TapStackArgs:
    def __init__(self, environment_suffix, vpc_id, private_subnet_ids, dms_subnet_ids, source_db_host,
                 source_db_username, source_db_password, aurora_password, source_db_port=5432,
                 source_db_name="postgres", aurora_username="auroraMaster", tags=None):
        self.environment_suffix = environment_suffix
        self.vpc_id = vpc_id
        self.private_subnet_ids = private_subnet_ids
        self.dms_subnet_ids = dms_subnet_ids
        self.source_db_host = source_db_host
        self.source_db_port = source_db_port
        self.source_db_name = source_db_name
        self.source_db_username = source_db_username
        self.source_db_password = source_db_password
        self.aurora_username = aurora_username
        self.aurora_password = aurora_password
        self.tags = tags or {}


class TapStack(pulumi.ComponentResource):
    def __init__(self, name, args, opts=None):
        super().__init__("tap:stack:TapStack", name, None, opts)
        suffix = args.environment_suffix
        child = pulumi.ResourceOptions(parent=self)
        tags = {**args.tags, "Environment": suffix, "ManagedBy": "Pulumi"}

        self.db_subnet_group = aws.rds.SubnetGroup(
            f"aurora-subnets-{suffix}", name=f"aurora-subnets-{suffix}",
            subnet_ids=args.private_subnet_ids, tags=tags, opts=child)
        self.dms_subnet_group = aws.dms.ReplicationSubnetGroup(
            f"dms-subnets-{suffix}", replication_subnet_group_id=f"dms-subnets-{suffix}",
            replication_subnet_group_description="DMS subnets", subnet_ids=args.dms_subnet_ids,
            tags=tags, opts=child)
        self.key = aws.kms.Key(f"migration-key-{suffix}", enable_key_rotation=True, tags=tags, opts=child)
        self.source_secret = aws.secretsmanager.Secret(
            f"source-db-credentials-{suffix}", name=f"source-db-credentials-{suffix}", kms_key_id=self.key.arn,
            tags=tags, opts=child)
        aws.secretsmanager.SecretVersion(
            f"source-db-credentials-value-{suffix}", secret_id=self.source_secret.id,
            secret_string=pulumi.Output.secret(args.source_db_password).apply(lambda password: json.dumps({
                "username": args.source_db_username, "password": password, "host": args.source_db_host,
                "port": args.source_db_port, "dbname": args.source_db_name})),
            opts=child)
        self.secret_arn = self.source_secret.arn
        self.register_outputs({"secret_arn": self.secret_arn})
