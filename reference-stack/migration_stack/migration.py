"""DMS: private Multi-AZ replication instance (or DMS Serverless), TLS endpoints with Secrets Manager
credentials, CDC task; the target is the database, or an encrypted S3 landing bucket."""

from __future__ import annotations

import json
from typing import Any

import pulumi
import pulumi_aws as aws

from .database import Database
from .landing import Landing
from .naming import Naming, component_type
from .network import Network
from .settings import Settings


def task_settings_document() -> dict[str, Any]:
    """Replication task settings: logging on (CloudWatch), validation on, safe LOB handling."""
    severity = "LOGGER_SEVERITY_DEFAULT"
    return {
        "TargetMetadata": {"SupportLobs": True, "LimitedSizeLobMode": True, "LobMaxSize": 32},
        "FullLoadSettings": {"TargetTablePrepMode": "DO_NOTHING", "MaxFullLoadSubTasks": 8},
        "Logging": {
            "EnableLogging": True,
            "LogComponents": [
                {"Id": component, "Severity": severity}
                for component in ("SOURCE_UNLOAD", "SOURCE_CAPTURE", "TARGET_LOAD", "TARGET_APPLY", "TASK_MANAGER")
            ],
        },
        "ValidationSettings": {"EnableValidation": True, "ThreadCount": 5},
    }


class Migration(pulumi.ComponentResource):
    """The DMS side of the migration. Credentials never pass through Pulumi where DMS can read them from
    Secrets Manager: the source endpoint (PostgreSQL or MongoDB) and a PostgreSQL target read secrets
    encrypted with the CMK through an IAM access role. A DocumentDB target endpoint cannot (pulumi-aws
    supports Secrets Manager only for other engines), so its DMS user's password is a secret config value.

    ``dmsMode: serverless`` replaces the replication instance and task by one DMS Serverless
    ReplicationConfig (Multi-AZ, CMK); ``migrationTarget: s3`` replaces the database target by an
    S3Endpoint writing Parquet with SSE-KMS to the landing bucket."""

    subnet_group: aws.dms.ReplicationSubnetGroup
    replication_instance: aws.dms.ReplicationInstance | None
    replication_config: aws.dms.ReplicationConfig | None
    source_secret: aws.secretsmanager.Secret
    source_secret_version: aws.secretsmanager.SecretVersion | None
    target_secret: aws.secretsmanager.Secret | None
    rotation_functions: dict[str, aws.serverlessrepository.CloudFormationStack]
    rotations: list[aws.secretsmanager.SecretRotation]
    access_role: aws.iam.Role
    source_endpoint: aws.dms.Endpoint
    target_endpoint: aws.dms.Endpoint | aws.dms.S3Endpoint
    task: aws.dms.ReplicationTask | None
    task_log_group: aws.cloudwatch.LogGroup
    task_resource_id: pulumi.Output[str]

    def __init__(self, name: str, settings: Settings, naming: Naming, network: Network, database: Database | None,
                 key: aws.kms.Key, landing: Landing | None = None, opts: pulumi.ResourceOptions | None = None) -> None:
        super().__init__(component_type("Migration"), name, None, opts)
        self._settings, self._naming, self._key = settings, naming, key
        child = pulumi.ResourceOptions(parent=self)

        subnet_group_id = naming.name("dms-subnets")
        self.subnet_group = aws.dms.ReplicationSubnetGroup(
            subnet_group_id,
            replication_subnet_group_id=subnet_group_id,
            replication_subnet_group_description="Private subnets of the DMS replication instance",
            subnet_ids=[s.id for s in network.private_subnets],
            tags=naming.tags(subnet_group_id),
            opts=child,
        )
        self.replication_instance = None
        self.replication_config = None
        self.task = None
        if settings.is_serverless:
            self.task_log_group = self._log_group(f"dms-serverless-replication-{self.serverless_id}")
        else:
            self.task_log_group = self._log_group(f"dms-tasks-{self.instance_id}")
            self._replication_instance(network)

        self._secrets()
        self._rotations(network)
        self.access_role = self._access_role(landing)
        endpoint_opts = pulumi.ResourceOptions(parent=self, depends_on=[self._access_policy])
        self.source_endpoint = self._source_endpoint(endpoint_opts)
        self.target_endpoint = self._target_endpoint(database, landing)

        if settings.is_serverless:
            self._serverless(network)
        else:
            self._task()

        self.register_outputs({
            "replicationArn": self.replication_arn,
            "sourceEndpointArn": self.source_endpoint.endpoint_arn,
            "targetEndpointArn": self.target_endpoint.endpoint_arn,
        })

    @property
    def instance_id(self) -> str:
        return self._naming.name("dms")

    @property
    def serverless_id(self) -> str:
        return self._naming.name("dms-serverless")

    @property
    def replication_arn(self) -> pulumi.Output[str]:
        if self.replication_config is not None:
            return self.replication_config.arn
        assert self.task is not None
        return self.task.replication_task_arn

    def _log_group(self, group_name: str) -> aws.cloudwatch.LogGroup:
        """DMS writes task logs to a group named after the instance (or serverless config); pre-create it
        encrypted with finite retention."""
        return aws.cloudwatch.LogGroup(
            self._naming.name("dms-task-logs"),
            name=group_name,
            kms_key_id=self._key.arn,
            retention_in_days=self._settings.log_retention_days,
            tags=self._naming.tags(group_name),
            opts=pulumi.ResourceOptions(parent=self),
        )

    def _replication_instance(self, network: Network) -> None:
        settings, naming, instance_id = self._settings, self._naming, self.instance_id
        self.replication_instance = aws.dms.ReplicationInstance(
            instance_id,
            replication_instance_id=instance_id,
            replication_instance_class=settings.dms_instance_class,
            allocated_storage=settings.dms_allocated_storage_gb,
            engine_version=settings.dms_engine_version,
            auto_minor_version_upgrade=True,
            multi_az=True,
            publicly_accessible=False,
            kms_key_arn=self._key.arn,
            network_type="IPV4",
            replication_subnet_group_id=self.subnet_group.replication_subnet_group_id,
            vpc_security_group_ids=[network.dms_security_group.id],
            preferred_maintenance_window="sun:06:00-sun:07:00",
            tags=naming.tags(instance_id),
            opts=pulumi.ResourceOptions(parent=self, depends_on=[self.task_log_group]),
        )

    def _secrets(self) -> None:
        """The JSON DMS expects ({username, password, host, port, dbname}). The source value is set from
        `pulumi config set --secret sourceDbPassword` when given, else by operators afterwards; the target
        value (a dedicated DMS user on the target) is set by operators, or for DocumentDB from the secret
        config value the endpoint needs. Nothing is defaulted."""
        settings, naming, key = self._settings, self._naming, self._key
        child = pulumi.ResourceOptions(parent=self)
        engine = settings.source_engine
        source_secret_name = naming.path("dms", "source-db")
        self.source_secret = aws.secretsmanager.Secret(
            naming.name("source-db-secret"),
            name=source_secret_name,
            description=f"On-premises {'MongoDB' if engine == 'mongodb' else 'PostgreSQL'} credentials used by "
                        "the DMS source endpoint",
            kms_key_id=key.arn,
            recovery_window_in_days=settings.secret_recovery_window_days,
            tags=naming.tags(source_secret_name),
            opts=child,
        )
        self.source_secret_version = None
        if settings.source_db_password is not None:
            self.source_secret_version = aws.secretsmanager.SecretVersion(
                naming.name("source-db-secret-value"),
                secret_id=self.source_secret.id,
                secret_string=settings.source_db_password.apply(lambda password: json.dumps({
                    "username": settings.source_db_username,
                    "password": password,
                    "host": settings.source_db_host,
                    "port": settings.source_db_port,
                    "dbname": settings.source_db_name,
                    "engine": engine,
                })),  # derived from a secret config value: stays secret
                opts=child,
            )
        self.target_secret = None
        if settings.lands_in_s3 or settings.is_docdb:
            return  # no target credentials: S3 uses the role; DocumentDB's DMS password is secret config
        target_secret_name = naming.path("dms", "target-db")
        self.target_secret = aws.secretsmanager.Secret(
            naming.name("target-db-secret"),
            name=target_secret_name,
            description=(f"Target database credentials of the DMS user {settings.target_db_username} "
                         "(set by operators after creating the user)"),
            kms_key_id=key.arn,
            recovery_window_in_days=settings.secret_recovery_window_days,
            tags=naming.tags(target_secret_name),
            opts=child,
        )

    def _rotations(self, network: Network) -> None:
        """Every secret rotates on a schedule, with AWS's single-user rotation function for its engine
        (deployed from the Serverless Application Repository into the private subnets). Rotation starts
        at the first scheduled date, after operators have written the secret's value."""
        settings, naming = self._settings, self._naming
        child = pulumi.ResourceOptions(parent=self)
        secrets = [(self.source_secret, "source-db", settings.source_engine)]
        if self.target_secret is not None:
            secrets.append((self.target_secret, "target-db", "postgres"))
        self.rotation_functions = {}
        self.rotations = []
        for secret, role, engine in secrets:
            function = self.rotation_functions.get(engine) or self._rotation_function(engine, network)
            self.rotation_functions[engine] = function
            self.rotations.append(aws.secretsmanager.SecretRotation(
                naming.name(role, "secret-rotation"),
                secret_id=secret.id,
                rotation_lambda_arn=function.outputs.apply(lambda outputs: outputs["RotationLambdaARN"]),
                rotation_rules=aws.secretsmanager.SecretRotationRotationRulesArgs(
                    automatically_after_days=settings.secret_rotation_days),
                rotation_enabled=True,
                rotate_immediately=False,
                opts=child,
            ))

    def _rotation_function(self, engine: str, network: Network) -> aws.serverlessrepository.CloudFormationStack:
        settings, naming = self._settings, self._naming
        name = naming.name("secret-rotation", engine)
        return aws.serverlessrepository.CloudFormationStack(
            name,
            name=name,
            application_id=ROTATION_APPLICATIONS[engine],
            capabilities=["CAPABILITY_IAM", "CAPABILITY_RESOURCE_POLICY"],
            parameters={
                "endpoint": f"https://secretsmanager.{settings.region}.amazonaws.com",
                "functionName": name,
                "kmsKeyArn": self._key.arn,
                "vpcSubnetIds": pulumi.Output.all(*[s.id for s in network.private_subnets]).apply(
                    lambda ids: ",".join(ids)),
                "vpcSecurityGroupIds": network.dms_security_group.id,
            },
            tags=naming.tags(name),
            opts=pulumi.ResourceOptions(parent=self),
        )

    def _access_role(self, landing: Landing | None) -> aws.iam.Role:
        """One role DMS assumes: read the endpoint secrets (and decrypt them), write the landing bucket."""
        settings, naming, key = self._settings, self._naming, self._key
        child = pulumi.ResourceOptions(parent=self)
        role_name = naming.name("dms-secrets-access")
        role = aws.iam.Role(
            role_name,
            name=role_name,
            description="Lets DMS read the endpoint credentials from Secrets Manager (and write the landing bucket)",
            assume_role_policy=json.dumps({
                "Version": "2012-10-17",
                "Statement": [{
                    "Effect": "Allow",
                    "Principal": {"Service": [f"dms.{settings.region}.amazonaws.com", "dms.amazonaws.com"]},
                    "Action": "sts:AssumeRole",
                }],
            }),
            tags=naming.tags(role_name),
            opts=child,
        )
        secrets = [self.source_secret.arn] + ([self.target_secret.arn] if self.target_secret else [])
        bucket_arn: pulumi.Input[str] = landing.bucket.arn if landing is not None else ""
        self._access_policy = aws.iam.RolePolicy(
            naming.name("dms-secrets-access-policy"),
            name=naming.name("dms-secrets-read"),
            role=role.id,
            policy=pulumi.Output.all(key.arn, bucket_arn, *secrets).apply(
                lambda arns: json.dumps(access_policy_document(arns[0], arns[1], list(arns[2:])))),
            opts=child,
        )
        return role

    def _source_endpoint(self, opts: pulumi.ResourceOptions) -> aws.dms.Endpoint:
        settings, naming = self._settings, self._naming
        engine = settings.source_engine
        source_id = naming.name("source", engine)
        mongodb = aws.dms.EndpointMongodbSettingsArgs(
            auth_type="password", auth_mechanism="scram_sha_1", auth_source="admin", nesting_level="none",
        ) if engine == "mongodb" else None
        return aws.dms.Endpoint(
            source_id,
            endpoint_id=source_id,
            endpoint_type="source",
            engine_name=engine,
            database_name=settings.source_db_name,
            ssl_mode=settings.source_ssl_mode,
            certificate_arn=settings.source_certificate_arn,
            mongodb_settings=mongodb,
            secrets_manager_arn=self.source_secret.arn,
            secrets_manager_access_role_arn=self.access_role.arn,
            kms_key_arn=self._key.arn,
            tags=naming.tags(source_id),
            opts=opts,
        )

    def _target_endpoint(self, database: Database | None,
                         landing: Landing | None) -> aws.dms.Endpoint | aws.dms.S3Endpoint:
        settings, naming, key = self._settings, self._naming, self._key
        depends: list[pulumi.Resource] = [self._access_policy]
        if landing is not None:
            target_id = naming.name("target", "s3-landing")
            return aws.dms.S3Endpoint(
                target_id,
                endpoint_id=target_id,
                endpoint_type="target",
                bucket_name=landing.bucket.bucket,
                bucket_folder=settings.landing_bucket_folder,
                service_access_role_arn=self.access_role.arn,
                encryption_mode="SSE_KMS",
                server_side_encryption_kms_key_id=key.arn,
                data_format="parquet",
                parquet_version="parquet-2-0",
                compression_type="GZIP",
                include_op_for_full_load=True,
                timestamp_column_name="dms_commit_ts",
                cdc_path="cdc",
                expected_bucket_owner=settings.account_id,
                tags=naming.tags(target_id),
                opts=pulumi.ResourceOptions(parent=self, depends_on=[*depends, *landing.resources]),
            )
        if database is not None:
            depends.append(database)
        if settings.is_docdb:
            assert database is not None
            target_id = naming.name("target", "docdb")
            return aws.dms.Endpoint(
                target_id,
                endpoint_id=target_id,
                endpoint_type="target",
                engine_name="docdb",
                server_name=database.endpoint,
                port=settings.db_port,
                database_name=settings.database_name,
                username=settings.target_db_username,
                password=settings.target_db_password,
                ssl_mode="verify-full" if settings.target_certificate_arn else "require",
                certificate_arn=settings.target_certificate_arn,
                kms_key_arn=key.arn,
                tags=naming.tags(target_id),
                opts=pulumi.ResourceOptions(parent=self, depends_on=depends),
            )
        assert self.target_secret is not None
        target_id = naming.name("target", "aurora" if settings.is_aurora else "postgres")
        return aws.dms.Endpoint(
            target_id,
            endpoint_id=target_id,
            endpoint_type="target",
            engine_name="aurora-postgresql" if settings.is_aurora else "postgres",
            database_name=settings.database_name,
            ssl_mode=settings.target_ssl_mode,
            secrets_manager_arn=self.target_secret.arn,
            secrets_manager_access_role_arn=self.access_role.arn,
            kms_key_arn=key.arn,
            tags=naming.tags(target_id),
            opts=pulumi.ResourceOptions(parent=self, depends_on=depends),
        )

    def _task(self) -> None:
        settings, naming = self._settings, self._naming
        assert self.replication_instance is not None
        task_id = naming.name("full-load-cdc")
        self.task = aws.dms.ReplicationTask(
            task_id,
            replication_task_id=task_id,
            migration_type="full-load-and-cdc",
            replication_instance_arn=self.replication_instance.replication_instance_arn,
            source_endpoint_arn=self.source_endpoint.endpoint_arn,
            target_endpoint_arn=self.target_endpoint.endpoint_arn,
            table_mappings=settings.table_mappings,
            replication_task_settings=json.dumps(task_settings_document(), sort_keys=True),
            start_replication_task=False,
            tags=naming.tags(task_id),
            opts=pulumi.ResourceOptions(parent=self),
        )
        # CloudWatch publishes task metrics under the task's resource id (the last part of its ARN).
        self.task_resource_id = self.task.replication_task_arn.apply(lambda arn: arn.split(":")[-1])

    def _serverless(self, network: Network) -> None:
        """DMS Serverless: capacity scales between the configured DCUs; Multi-AZ, storage under the CMK."""
        settings, naming, config_id = self._settings, self._naming, self.serverless_id
        self.replication_config = aws.dms.ReplicationConfig(
            config_id,
            replication_config_identifier=config_id,
            resource_identifier=config_id,
            replication_type="full-load-and-cdc",
            source_endpoint_arn=self.source_endpoint.endpoint_arn,
            target_endpoint_arn=self.target_endpoint.endpoint_arn,
            table_mappings=settings.table_mappings,
            replication_settings=json.dumps(task_settings_document(), sort_keys=True),
            compute_config=aws.dms.ReplicationConfigComputeConfigArgs(
                replication_subnet_group_id=self.subnet_group.replication_subnet_group_id,
                multi_az=True,
                kms_key_id=self._key.arn,
                min_capacity_units=settings.dms_min_capacity_units,
                max_capacity_units=settings.dms_max_capacity_units,
                preferred_maintenance_window="sun:06:00-sun:07:00",
                vpc_security_group_ids=[network.dms_security_group.id],
            ),
            start_replication=False,
            tags=naming.tags(config_id),
            opts=pulumi.ResourceOptions(parent=self, depends_on=[self.task_log_group]),
        )
        self.task_resource_id = pulumi.Output.from_input(config_id)


#: AWS's single-user rotation functions in the Serverless Application Repository, by DMS engine name
#: ("Rotation function templates" in the Secrets Manager user guide).
ROTATION_APPLICATIONS: dict[str, str] = {
    "postgres": "arn:aws:serverlessrepo:us-east-1:297356227824:applications/SecretsManagerRDSPostgreSQLRotationSingleUser",
    "mongodb": "arn:aws:serverlessrepo:us-east-1:297356227824:applications/SecretsManagerMongoDBRotationSingleUser",
}


def access_policy_document(key_arn: str, bucket_arn: str, secret_arns: list[str]) -> dict[str, Any]:
    """What the DMS access role may do: read the endpoint secrets, use the CMK, write the landing bucket."""
    statements: list[dict[str, Any]] = [
        {
            "Effect": "Allow",
            "Action": ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
            "Resource": secret_arns,
        },
        {"Effect": "Allow", "Action": ["kms:Decrypt", "kms:GenerateDataKey"], "Resource": key_arn},
    ]
    if bucket_arn:
        statements += [
            {"Effect": "Allow", "Action": ["s3:ListBucket", "s3:GetBucketLocation"], "Resource": bucket_arn},
            {"Effect": "Allow", "Action": ["s3:PutObject", "s3:DeleteObject", "s3:PutObjectTagging"],
             "Resource": f"{bucket_arn}/*"},
        ]
    return {"Version": "2012-10-17", "Statement": statements}
