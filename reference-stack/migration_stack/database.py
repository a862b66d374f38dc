"""Target database: Aurora PostgreSQL (writer + readers across AZs) or an RDS PostgreSQL Multi-AZ instance."""

from __future__ import annotations

import json

import pulumi
import pulumi_aws as aws

from .naming import Naming, component_type
from .network import Network
from .settings import Settings

EXTENDED_SUPPORT_DISABLED = "open-source-rds-extended-support-disabled"
AURORA_LOG_EXPORTS = ("postgresql",)
RDS_LOG_EXPORTS = ("postgresql", "upgrade")
#: DocumentDB exports: audit (DDL, authentication, authorization events, enabled by the parameter group's
#: audit_logs) and profiler (slow operations).
DOCDB_LOG_EXPORTS = ("audit", "profiler")
#: DocumentDB cluster parameters: TLS required for every connection, audit events recorded.
DOCDB_PARAMETERS = {"tls": "enabled", "audit_logs": "enabled"}


class Database(pulumi.ComponentResource):
    """Encrypted with the CMK, RDS-managed master password (encrypted with the CMK), TLS forced by the
    parameter group, backups >= 7 days, Performance Insights with the CMK, enhanced monitoring, log
    exports to pre-created encrypted log groups, IAM authentication, Extended Support opted out.

    With ``databaseEngine: docdb`` the target is an Amazon DocumentDB cluster instead: encrypted with the
    CMK, two or more instances across AZs, backups >= 7 days, TLS and audit logs enabled by its parameter
    group, audit and profiler logs exported, master password managed by the service."""

    cluster: aws.rds.Cluster | None
    cluster_instances: list[aws.rds.ClusterInstance]
    instance: aws.rds.Instance | None
    docdb_cluster: aws.docdb.Cluster | None
    docdb_instances: list[aws.docdb.ClusterInstance]
    subnet_group: aws.rds.SubnetGroup | aws.docdb.SubnetGroup
    monitoring_role: aws.iam.Role
    log_groups: list[aws.cloudwatch.LogGroup]
    endpoint: pulumi.Output[str]
    reader_endpoint: pulumi.Output[str] | None
    identifier: pulumi.Output[str]
    arn: pulumi.Output[str]
    master_secret_arn: pulumi.Output[str]
    instance_identifiers: list[pulumi.Output[str]]

    def __init__(self, name: str, settings: Settings, naming: Naming, network: Network, key: aws.kms.Key,
                 opts: pulumi.ResourceOptions | None = None) -> None:
        super().__init__(component_type("Database"), name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        self._settings, self._naming, self._key = settings, naming, key
        self.cluster = None
        self.cluster_instances = []
        self.instance = None
        self.docdb_cluster = None
        self.docdb_instances = []
        self.reader_endpoint = None
        self.log_groups = []
        if settings.is_docdb:
            self._docdb(network)
            self._register()
            return

        subnet_group_name = naming.name("db-subnets")
        self.subnet_group = aws.rds.SubnetGroup(
            subnet_group_name,
            name=subnet_group_name,
            description="Private subnets of the migration target database",
            subnet_ids=[s.id for s in network.private_subnets],
            tags=naming.tags(subnet_group_name),
            opts=child,
        )

        role_name = naming.name("rds-monitoring")
        self.monitoring_role = aws.iam.Role(
            role_name,
            name=role_name,
            description="RDS enhanced monitoring",
            assume_role_policy=json.dumps({
                "Version": "2012-10-17",
                "Statement": [{
                    "Effect": "Allow",
                    "Principal": {"Service": "monitoring.rds.amazonaws.com"},
                    "Action": "sts:AssumeRole",
                }],
            }),
            tags=naming.tags(role_name),
            opts=child,
        )
        monitoring_attachment = aws.iam.RolePolicyAttachment(
            naming.name("rds-monitoring-policy"),
            role=self.monitoring_role.name,
            policy_arn=f"arn:{settings.partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole",
            opts=child,
        )
        self._depends = [monitoring_attachment]
        if settings.is_aurora:
            self._aurora(network)
        else:
            self._rds_instance(network)
        self._register()

    def _register(self) -> None:
        self.register_outputs({
            "endpoint": self.endpoint,
            "identifier": self.identifier,
            "arn": self.arn,
            "masterSecretArn": self.master_secret_arn,
        })

    def _log_groups(self, kind: str, identifier: str, exports: tuple[str, ...],
                    service: str = "rds") -> list[aws.cloudwatch.LogGroup]:
        """Pre-create the log groups RDS (or DocumentDB) exports to, so they are encrypted and expire."""
        groups = []
        for export in exports:
            group_name = f"/aws/{service}/{kind}/{identifier}/{export}"
            groups.append(aws.cloudwatch.LogGroup(
                self._naming.name("db-logs", export),
                name=group_name,
                kms_key_id=self._key.arn,
                retention_in_days=self._settings.log_retention_days,
                tags=self._naming.tags(group_name),
                opts=pulumi.ResourceOptions(parent=self),
            ))
        self.log_groups.extend(groups)
        return groups

    def _final_snapshot(self, identifier: str) -> str | None:
        return None if self._settings.skip_final_snapshot else f"{identifier}-final"

    def _aurora(self, network: Network) -> None:
        settings, naming, key = self._settings, self._naming, self._key
        child = pulumi.ResourceOptions(parent=self)
        pg_name = naming.name("aurora-pg", settings.engine_major)
        parameter_group = aws.rds.ClusterParameterGroup(
            pg_name,
            name=pg_name,
            family=f"aurora-postgresql{settings.engine_major}",
            description="Forces TLS for every connection",
            parameters=[aws.rds.ClusterParameterGroupParameterArgs(name="rds.force_ssl", value="1")],
            tags=naming.tags(pg_name),
            opts=child,
        )
        cluster_id = naming.name("aurora")
        log_groups = self._log_groups("cluster", cluster_id, AURORA_LOG_EXPORTS)
        self.cluster = aws.rds.Cluster(
            cluster_id,
            cluster_identifier=cluster_id,
            engine="aurora-postgresql",
            engine_mode="provisioned",
            engine_version=settings.engine_version,
            engine_lifecycle_support=EXTENDED_SUPPORT_DISABLED,
            database_name=settings.database_name,
            master_username=settings.master_username,
            manage_master_user_password=True,
            master_user_secret_kms_key_id=key.arn,
            port=settings.db_port,
            storage_encrypted=True,
            kms_key_id=key.arn,
            backup_retention_period=settings.backup_retention_days,
            preferred_backup_window="03:00-04:00",
            preferred_maintenance_window="sun:05:00-sun:06:00",
            copy_tags_to_snapshot=True,
            deletion_protection=settings.deletion_protection,
            skip_final_snapshot=settings.skip_final_snapshot,
            final_snapshot_identifier=self._final_snapshot(cluster_id),
            iam_database_authentication_enabled=True,
            enabled_cloudwatch_logs_exports=list(AURORA_LOG_EXPORTS),
            db_subnet_group_name=self.subnet_group.name,
            db_cluster_parameter_group_name=parameter_group.name,
            vpc_security_group_ids=[network.db_security_group.id],
            tags=naming.tags(cluster_id),
            opts=pulumi.ResourceOptions(parent=self, depends_on=[*log_groups]),
        )
        zones = settings.availability_zones
        for index in range(1 + settings.aurora_reader_count):
            zone = zones[index % len(zones)]
            instance_id = naming.name("aurora", str(index + 1))
            self.cluster_instances.append(aws.rds.ClusterInstance(
                instance_id,
                identifier=instance_id,
                cluster_identifier=self.cluster.id,
                engine=aws.rds.EngineType.AURORA_POSTGRESQL,
                instance_class=settings.db_instance_class,
                availability_zone=zone,
                promotion_tier=0 if index == 0 else 1,
                publicly_accessible=False,
                auto_minor_version_upgrade=True,
                db_subnet_group_name=self.subnet_group.name,
                monitoring_interval=settings.monitoring_interval,
                monitoring_role_arn=self.monitoring_role.arn,
                performance_insights_enabled=True,
                performance_insights_kms_key_id=key.arn,
                performance_insights_retention_period=settings.performance_insights_retention_days,
                copy_tags_to_snapshot=True,
                preferred_maintenance_window="sun:05:00-sun:06:00",
                tags=naming.tags(instance_id, Role="writer" if index == 0 else "reader"),
                opts=pulumi.ResourceOptions(parent=self, depends_on=self._depends),
            ))
        self.endpoint = self.cluster.endpoint
        self.reader_endpoint = self.cluster.reader_endpoint
        self.identifier = self.cluster.cluster_identifier
        self.arn = self.cluster.arn
        self.master_secret_arn = self.cluster.master_user_secrets.apply(
            lambda secrets: (secrets[0].secret_arn or "") if secrets else "")
        self.instance_identifiers = [i.identifier for i in self.cluster_instances]

    def _rds_instance(self, network: Network) -> None:
        settings, naming, key = self._settings, self._naming, self._key
        child = pulumi.ResourceOptions(parent=self)
        pg_name = naming.name("postgres-pg", settings.engine_major)
        parameter_group = aws.rds.ParameterGroup(
            pg_name,
            name=pg_name,
            family=f"postgres{settings.engine_major}",
            description="Forces TLS for every connection",
            parameters=[aws.rds.ParameterGroupParameterArgs(name="rds.force_ssl", value="1")],
            tags=naming.tags(pg_name),
            opts=child,
        )
        instance_id = naming.name("postgres")
        log_groups = self._log_groups("instance", instance_id, RDS_LOG_EXPORTS)
        self.instance = aws.rds.Instance(
            instance_id,
            identifier=instance_id,
            engine="postgres",
            engine_version=settings.engine_version,
            engine_lifecycle_support=EXTENDED_SUPPORT_DISABLED,
            instance_class=settings.db_instance_class,
            allocated_storage=settings.db_allocated_storage_gb,
            max_allocated_storage=settings.db_max_allocated_storage_gb,
            storage_type="gp3",
            storage_encrypted=True,
            kms_key_id=key.arn,
            multi_az=True,
            publicly_accessible=False,
            db_name=settings.database_name,
            username=settings.master_username,
            manage_master_user_password=True,
            master_user_secret_kms_key_id=key.arn,
            port=settings.db_port,
            backup_retention_period=settings.backup_retention_days,
            backup_window="03:00-04:00",
            maintenance_window="sun:05:00-sun:06:00",
            copy_tags_to_snapshot=True,
            deletion_protection=settings.deletion_protection,
            skip_final_snapshot=settings.skip_final_snapshot,
            final_snapshot_identifier=self._final_snapshot(instance_id),
            iam_database_authentication_enabled=True,
            enabled_cloudwatch_logs_exports=list(RDS_LOG_EXPORTS),
            performance_insights_enabled=True,
            performance_insights_kms_key_id=key.arn,
            performance_insights_retention_period=settings.performance_insights_retention_days,
            monitoring_interval=settings.monitoring_interval,
            monitoring_role_arn=self.monitoring_role.arn,
            auto_minor_version_upgrade=True,
            parameter_group_name=parameter_group.name,
            db_subnet_group_name=self.subnet_group.name,
            vpc_security_group_ids=[network.db_security_group.id],
            tags=naming.tags(instance_id),
            opts=pulumi.ResourceOptions(parent=self, depends_on=[*log_groups, *self._depends]),
        )
        self.endpoint = self.instance.address
        self.identifier = self.instance.identifier
        self.arn = self.instance.arn
        self.master_secret_arn = self.instance.master_user_secrets.apply(
            lambda secrets: (secrets[0].secret_arn or "") if secrets else "")
        self.instance_identifiers = [self.instance.identifier]

    def _docdb(self, network: Network) -> None:
        settings, naming, key = self._settings, self._naming, self._key
        child = pulumi.ResourceOptions(parent=self)
        subnet_group_name = naming.name("docdb-subnets")
        self.subnet_group = aws.docdb.SubnetGroup(
            subnet_group_name,
            name=subnet_group_name,
            description="Private subnets of the migration target DocumentDB cluster",
            subnet_ids=[s.id for s in network.private_subnets],
            tags=naming.tags(subnet_group_name),
            opts=child,
        )
        family = f"docdb{'.'.join(settings.engine_version.split('.')[:2])}"
        pg_name = naming.name("docdb-pg", family.replace(".", "-"))
        parameter_group = aws.docdb.ClusterParameterGroup(
            pg_name,
            name=pg_name,
            family=family,
            description="Requires TLS and records audit events",
            parameters=[aws.docdb.ClusterParameterGroupParameterArgs(name=k, value=v, apply_method="pending-reboot")
                        for k, v in sorted(DOCDB_PARAMETERS.items())],
            tags=naming.tags(pg_name),
            opts=child,
        )
        cluster_id = naming.name("docdb")
        log_groups = self._log_groups("cluster", cluster_id, DOCDB_LOG_EXPORTS, service="docdb")
        self.docdb_cluster = aws.docdb.Cluster(
            cluster_id,
            cluster_identifier=cluster_id,
            engine="docdb",
            engine_version=settings.engine_version,
            master_username=settings.master_username,
            manage_master_user_password=True,
            port=settings.db_port,
            storage_encrypted=True,
            kms_key_id=key.arn,
            backup_retention_period=settings.backup_retention_days,
            preferred_backup_window="03:00-04:00",
            preferred_maintenance_window="sun:05:00-sun:06:00",
            deletion_protection=settings.deletion_protection,
            skip_final_snapshot=settings.skip_final_snapshot,
            final_snapshot_identifier=self._final_snapshot(cluster_id),
            enabled_cloudwatch_logs_exports=list(DOCDB_LOG_EXPORTS),
            db_subnet_group_name=self.subnet_group.name,
            db_cluster_parameter_group_name=parameter_group.name,
            vpc_security_group_ids=[network.db_security_group.id],
            tags=naming.tags(cluster_id),
            opts=pulumi.ResourceOptions(parent=self, depends_on=[*log_groups]),
        )
        zones = settings.availability_zones
        for index in range(1 + settings.aurora_reader_count):
            instance_id = naming.name("docdb", str(index + 1))
            self.docdb_instances.append(aws.docdb.ClusterInstance(
                instance_id,
                identifier=instance_id,
                cluster_identifier=self.docdb_cluster.id,
                instance_class=settings.db_instance_class,
                availability_zone=zones[index % len(zones)],
                promotion_tier=0 if index == 0 else 1,
                auto_minor_version_upgrade=True,
                enable_performance_insights=True,
                performance_insights_kms_key_id=key.arn,
                preferred_maintenance_window="sun:05:00-sun:06:00",
                copy_tags_to_snapshot=True,
                tags=naming.tags(instance_id, Role="writer" if index == 0 else "reader"),
                opts=child,
            ))
        self.endpoint = self.docdb_cluster.endpoint
        self.reader_endpoint = self.docdb_cluster.reader_endpoint
        self.identifier = self.docdb_cluster.cluster_identifier
        self.arn = self.docdb_cluster.arn
        self.master_secret_arn = self.docdb_cluster.master_user_secrets.apply(
            lambda secrets: (secrets[0].secret_arn or "") if secrets else "")
        self.instance_identifiers = [i.identifier for i in self.docdb_instances]
