"""DMS: private Multi-AZ replication instance, TLS endpoints with Secrets Manager credentials, CDC task."""

from __future__ import annotations

import json
from typing import Any

import pulumi
import pulumi_aws as aws

from .database import Database
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
    """The DMS side of the migration. Credentials never pass through Pulumi: both endpoints read them from
    Secrets Manager secrets encrypted with the CMK, through an IAM access role."""

    subnet_group: aws.dms.ReplicationSubnetGroup
    replication_instance: aws.dms.ReplicationInstance
    source_secret: aws.secretsmanager.Secret
    source_secret_version: aws.secretsmanager.SecretVersion | None
    target_secret: aws.secretsmanager.Secret
    access_role: aws.iam.Role
    source_endpoint: aws.dms.Endpoint
    target_endpoint: aws.dms.Endpoint
    task: aws.dms.ReplicationTask
    task_log_group: aws.cloudwatch.LogGroup
    task_resource_id: pulumi.Output[str]

    def __init__(self, name: str, settings: Settings, naming: Naming, network: Network, database: Database,
                 key: aws.kms.Key, opts: pulumi.ResourceOptions | None = None) -> None:
        super().__init__(component_type("Migration"), name, None, opts)
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

        instance_id = naming.name("dms")
        # DMS writes task logs to dms-tasks-<instance id>; pre-create it encrypted with finite retention.
        task_log_group_name = f"dms-tasks-{instance_id}"
        self.task_log_group = aws.cloudwatch.LogGroup(
            naming.name("dms-task-logs"),
            name=task_log_group_name,
            kms_key_id=key.arn,
            retention_in_days=settings.log_retention_days,
            tags=naming.tags(task_log_group_name),
            opts=child,
        )
        self.replication_instance = aws.dms.ReplicationInstance(
            instance_id,
            replication_instance_id=instance_id,
            replication_instance_class=settings.dms_instance_class,
            allocated_storage=settings.dms_allocated_storage_gb,
            engine_version=settings.dms_engine_version,
            auto_minor_version_upgrade=True,
            multi_az=True,
            publicly_accessible=False,
            kms_key_arn=key.arn,
            network_type="IPV4",
            replication_subnet_group_id=self.subnet_group.replication_subnet_group_id,
            vpc_security_group_ids=[network.dms_security_group.id],
            preferred_maintenance_window="sun:06:00-sun:07:00",
            tags=naming.tags(instance_id),
            opts=pulumi.ResourceOptions(parent=self, depends_on=[self.task_log_group]),
        )

        # Secrets: the JSON DMS expects ({username, password, host, port, dbname}). The source value is set
        # from `pulumi config set --secret sourceDbPassword` when given, else by operators afterwards; the
        # target value (a dedicated DMS user on the target) is always set by operators. Nothing is defaulted.
        source_secret_name = naming.path("dms", "source-db")
        self.source_secret = aws.secretsmanager.Secret(
            naming.name("source-db-secret"),
            name=source_secret_name,
            description="On-premises PostgreSQL credentials used by the DMS source endpoint",
            kms_key_id=key.arn,
            recovery_window_in_days=settings.secret_recovery_window_days,
            tags=naming.tags(source_secret_name),
            opts=child,
        )
        self.source_secret_version = None
        if settings.source_db_password is not None:
            source_document = settings.source_db_password.apply(lambda password: json.dumps({
                "username": settings.source_db_username,
                "password": password,
                "host": settings.source_db_host,
                "port": settings.source_db_port,
                "dbname": settings.source_db_name,
                "engine": "postgres",
            }))
            self.source_secret_version = aws.secretsmanager.SecretVersion(
                naming.name("source-db-secret-value"),
                secret_id=self.source_secret.id,
                secret_string=source_document,  # derived from a secret config value: stays secret
                opts=child,
            )
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

        role_name = naming.name("dms-secrets-access")
        self.access_role = aws.iam.Role(
            role_name,
            name=role_name,
            description="Lets DMS read the endpoint credentials from Secrets Manager",
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
        access_policy = aws.iam.RolePolicy(
            naming.name("dms-secrets-access-policy"),
            name=naming.name("dms-secrets-read"),
            role=self.access_role.id,
            policy=pulumi.Output.all(self.source_secret.arn, self.target_secret.arn, key.arn).apply(
                lambda arns: json.dumps({
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Action": ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
                            "Resource": [arns[0], arns[1]],
                        },
                        {"Effect": "Allow", "Action": ["kms:Decrypt"], "Resource": arns[2]},
                    ],
                })),
            opts=child,
        )
        endpoint_opts = pulumi.ResourceOptions(parent=self, depends_on=[access_policy])

        source_id = naming.name("source-postgres")
        self.source_endpoint = aws.dms.Endpoint(
            source_id,
            endpoint_id=source_id,
            endpoint_type="source",
            engine_name="postgres",
            database_name=settings.source_db_name,
            ssl_mode=settings.source_ssl_mode,
            certificate_arn=settings.source_certificate_arn,
            secrets_manager_arn=self.source_secret.arn,
            secrets_manager_access_role_arn=self.access_role.arn,
            kms_key_arn=key.arn,
            tags=naming.tags(source_id),
            opts=endpoint_opts,
        )
        target_id = naming.name("target", "aurora" if settings.is_aurora else "postgres")
        self.target_endpoint = aws.dms.Endpoint(
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
            opts=pulumi.ResourceOptions(parent=self, depends_on=[access_policy, database]),
        )

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
            opts=child,
        )
        # CloudWatch publishes task metrics under the task's resource id (the last part of its ARN).
        self.task_resource_id = self.task.replication_task_arn.apply(lambda arn: arn.split(":")[-1])

        self.register_outputs({
            "replicationInstanceArn": self.replication_instance.replication_instance_arn,
            "replicationTaskArn": self.task.replication_task_arn,
            "sourceEndpointArn": self.source_endpoint.endpoint_arn,
            "targetEndpointArn": self.target_endpoint.endpoint_arn,
        })
