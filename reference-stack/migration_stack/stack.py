"""Builds the whole stack from :class:`Settings` and collects its outputs."""

from __future__ import annotations

from dataclasses import dataclass

import pulumi

from .cutover import Cutover
from .database import Database
from .keys import Keys
from .landing import Landing
from .migration import Migration
from .monitoring import Monitoring
from .naming import Naming
from .network import Network
from .settings import Settings


@dataclass
class MigrationStack:
    settings: Settings
    naming: Naming
    keys: Keys
    network: Network
    database: Database | None
    landing: Landing | None
    migration: Migration
    monitoring: Monitoring
    cutover: Cutover | None

    def outputs(self) -> dict[str, pulumi.Input[object]]:
        """Everything an operator or an integration test needs (exported by ``__main__``)."""
        s, net, db, dms, mon = self.settings, self.network, self.database, self.migration, self.monitoring
        outputs: dict[str, pulumi.Input[object]] = {
            "region": s.region,
            "environmentSuffix": s.environment_suffix,
            "availabilityZones": list(s.availability_zones),
            "natGatewayMode": s.nat_gateway_mode,
            "kmsKeyArn": self.keys.key.arn,
            "kmsKeyId": self.keys.key.key_id,
            "kmsAliasName": self.keys.alias.name,
            "vpcId": net.vpc.id,
            "publicSubnetIds": [x.id for x in net.public_subnets],
            "privateSubnetIds": [x.id for x in net.private_subnets],
            "natGatewayIds": [x.id for x in net.nat_gateways],
            "privateRouteTableIds": [x.id for x in net.private_route_tables],
            "flowLogId": net.flow_log.id,
            "flowLogGroupName": net.flow_log_group.name,
            "dbSecurityGroupId": net.db_security_group.id,
            "dmsSecurityGroupId": net.dms_security_group.id,
            "dmsMode": s.dms_mode,
            "migrationTarget": s.migration_target,
            "dmsReplicationSubnetGroupId": dms.subnet_group.replication_subnet_group_id,
            "dmsReplicationArn": dms.replication_arn,
            "dmsSourceEndpointArn": dms.source_endpoint.endpoint_arn,
            "dmsTargetEndpointArn": dms.target_endpoint.endpoint_arn,
            "dmsSecretsAccessRoleArn": dms.access_role.arn,
            "dmsTaskLogGroupName": dms.task_log_group.name,
            "sourceSecretArn": dms.source_secret.arn,
            "alarmTopicArn": mon.topic.arn,
            "alarmNames": [a.name for a in mon.alarms],
        }
        if db is not None:
            outputs.update(database_outputs(s, db))
        if dms.replication_instance is not None and dms.task is not None:
            outputs.update({
                "dmsReplicationInstanceId": dms.replication_instance.replication_instance_id,
                "dmsReplicationInstanceArn": dms.replication_instance.replication_instance_arn,
                "dmsReplicationTaskId": dms.task.replication_task_id,
                "dmsReplicationTaskArn": dms.task.replication_task_arn,
            })
        if dms.replication_config is not None:
            outputs["dmsReplicationConfigId"] = dms.replication_config.replication_config_identifier
            outputs["dmsReplicationConfigArn"] = dms.replication_config.arn
        if dms.target_secret is not None:
            outputs["targetSecretArn"] = dms.target_secret.arn
        if self.landing is not None:
            outputs["landingBucketName"] = self.landing.bucket.bucket
            outputs["landingBucketArn"] = self.landing.bucket.arn
        if self.cutover is not None:
            outputs["cutoverRecordName"] = self.cutover.record_name
            outputs["cutoverHealthCheckId"] = self.cutover.health_check.id
        return outputs


def database_outputs(s: Settings, db: Database) -> dict[str, pulumi.Input[object]]:
    outputs: dict[str, pulumi.Input[object]] = {
        "databaseEngine": s.database_engine,
        "databaseEngineVersion": s.engine_version,
        "databaseEndpoint": db.endpoint,
        "databasePort": s.db_port,
        "databaseName": s.database_name,
        "databaseIdentifier": db.identifier,
        "databaseArn": db.arn,
        "databaseInstanceIdentifiers": db.instance_identifiers,
        "databaseMasterSecretArn": db.master_secret_arn,
        "databaseLogGroupNames": [g.name for g in db.log_groups],
    }
    if db.reader_endpoint is not None:
        outputs["databaseReaderEndpoint"] = db.reader_endpoint
    return outputs


def build_stack(settings: Settings) -> MigrationStack:
    """Declare every component. Component names carry the suffix like every other resource."""
    naming = Naming(prefix=settings.name_prefix, suffix=settings.environment_suffix, project=settings.project)
    keys = Keys(naming.name("keys"), settings, naming)
    network = Network(naming.name("network"), settings, naming, keys.key)
    landing = Landing(naming.name("landing"), settings, naming, keys.key) if settings.lands_in_s3 else None
    database = None if landing is not None else Database(naming.name("database"), settings, naming, network, keys.key)
    migration = Migration(naming.name("migration"), settings, naming, network, database, keys.key, landing)
    monitoring = Monitoring(naming.name("monitoring"), settings, naming, keys.key, database, migration)
    cutover = Cutover(naming.name("cutover"), settings, naming, database) \
        if settings.cutover and database is not None else None
    return MigrationStack(settings, naming, keys, network, database, landing, migration, monitoring, cutover)
