"""The one table of the properties that name a resource itself (its physical name), per type token.

Read by ``resource-name-environment-suffix`` (every own name carries the environment suffix),
``physical-name-constraints`` (every own name obeys the AWS naming rules) and the offline preview
(which own name the provider's Check autonames when the program sets none).

Derived from the installed pulumi-aws v7 SDK (the ``*Args`` classes of each resource: the property
that the Create* API takes as the resource's identifier or name) and checked against the AWS API
references cited in ``policies/naming/_name_rules.py``. A type that is not listed is named by the
generic ``name`` / ``namePrefix`` unless it is in :data:`NOT_OWN_NAME`, where ``name`` is not a
physical name of the resource itself (it names another resource, or is unique only inside a parent).
Properties that point at another resource (ClusterInstance ``clusterIdentifier``, ReplicationInstance
``replicationSubnetGroupId``, ``bucket`` on bucket sub-resources) are never listed.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import types as t


@dataclass(frozen=True)
class OwnName:
    """One property that holds the resource's own physical name, and its prefix form."""

    prop: str
    prefix: str | None = None  # the property that takes a prefix completed by a unique suffix
    autoname: bool = False  # the provider's Check sets prop to "<logical name>-<7 hex>" when both are unset
    lower: bool = False  # the autoname is lowercased
    max_length: int | None = None  # the autoname is cut to fit


GENERIC = OwnName("name", "namePrefix")

_RDS_INSTANCE_ID = OwnName("identifier", "identifierPrefix", autoname=True, lower=True)
_CLUSTER_ID = OwnName("clusterIdentifier", "clusterIdentifierPrefix")
_INSTANCE_ID = OwnName("identifier", "identifierPrefix")
_LOWER_NAME = OwnName("name", "namePrefix", autoname=True, lower=True)

# Types whose own name is not (only) the generic `name` / `namePrefix`.
OWN_NAMES: dict[str, tuple[OwnName, ...]] = {
    # RDS and Aurora
    t.RDS_INSTANCE: (_RDS_INSTANCE_ID,),
    t.RDS_CLUSTER: (OwnName("clusterIdentifier", "clusterIdentifierPrefix", autoname=True, lower=True),),
    t.RDS_CLUSTER_INSTANCE: (_RDS_INSTANCE_ID,),
    t.RDS_GLOBAL_CLUSTER: (OwnName("globalClusterIdentifier"),),
    t.RDS_SUBNET_GROUP: (_LOWER_NAME,),
    t.RDS_PARAMETER_GROUP: (_LOWER_NAME,),
    t.RDS_CLUSTER_PARAMETER_GROUP: (_LOWER_NAME,),
    "aws:rds/clusterEndpoint:ClusterEndpoint": (OwnName("clusterEndpointIdentifier"),),
    "aws:rds/clusterSnapshot:ClusterSnapshot": (OwnName("dbClusterSnapshotIdentifier"),),
    "aws:rds/snapshot:Snapshot": (OwnName("dbSnapshotIdentifier"),),
    "aws:rds/proxyEndpoint:ProxyEndpoint": (OwnName("dbProxyEndpointName"),),
    "aws:rds/shardGroup:ShardGroup": (OwnName("dbShardGroupIdentifier"),),
    "aws:rds/exportTask:ExportTask": (OwnName("exportTaskIdentifier"),),
    "aws:rds/integration:Integration": (OwnName("integrationName"),),
    # DMS
    t.DMS_REPLICATION_INSTANCE: (OwnName("replicationInstanceId"),),
    t.DMS_REPLICATION_TASK: (OwnName("replicationTaskId"),),
    t.DMS_ENDPOINT: (OwnName("endpointId"),),
    "aws:dms/s3Endpoint:S3Endpoint": (OwnName("endpointId"),),
    "aws:dms/replicationConfig:ReplicationConfig": (OwnName("replicationConfigIdentifier"),),
    t.DMS_REPLICATION_SUBNET_GROUP: (OwnName("replicationSubnetGroupId"),),
    "aws:dms/certificate:Certificate": (OwnName("certificateId"),),
    # DocumentDB and Neptune
    "aws:docdb/cluster:Cluster": (_CLUSTER_ID,),
    "aws:docdb/clusterInstance:ClusterInstance": (_INSTANCE_ID,),
    "aws:docdb/globalCluster:GlobalCluster": (OwnName("globalClusterIdentifier"),),
    "aws:docdb/clusterSnapshot:ClusterSnapshot": (OwnName("dbClusterSnapshotIdentifier"),),
    "aws:neptune/cluster:Cluster": (_CLUSTER_ID,),
    "aws:neptune/clusterInstance:ClusterInstance": (_INSTANCE_ID,),
    "aws:neptune/clusterEndpoint:ClusterEndpoint": (OwnName("clusterEndpointIdentifier"),),
    "aws:neptune/globalCluster:GlobalCluster": (OwnName("globalClusterIdentifier"),),
    "aws:neptune/clusterSnapshot:ClusterSnapshot": (OwnName("dbClusterSnapshotIdentifier"),),
    # Redshift
    "aws:redshift/cluster:Cluster": (OwnName("clusterIdentifier"),),
    "aws:redshift/clusterSnapshot:ClusterSnapshot": (OwnName("snapshotIdentifier"),),
    "aws:redshift/snapshotSchedule:SnapshotSchedule": (_INSTANCE_ID,),
    "aws:redshift/snapshotCopyGrant:SnapshotCopyGrant": (OwnName("snapshotCopyGrantName"),),
    "aws:redshift/endpointAccess:EndpointAccess": (OwnName("endpointName"),),
    "aws:redshift/hsmClientCertificate:HsmClientCertificate": (OwnName("hsmClientCertificateIdentifier"),),
    "aws:redshift/hsmConfiguration:HsmConfiguration": (OwnName("hsmConfigurationIdentifier"),),
    "aws:redshift/authenticationProfile:AuthenticationProfile": (OwnName("authenticationProfileName"),),
    "aws:redshift/integration:Integration": (OwnName("integrationName"),),
    "aws:redshiftserverless/namespace:Namespace": (OwnName("namespaceName"),),
    "aws:redshiftserverless/workgroup:Workgroup": (OwnName("workgroupName"),),
    "aws:redshiftserverless/snapshot:Snapshot": (OwnName("snapshotName"),),
    "aws:redshiftserverless/endpointAccess:EndpointAccess": (OwnName("endpointName"),),
    # ElastiCache and MemoryDB
    t.ELASTICACHE_REPLICATION_GROUP: (OwnName("replicationGroupId"),),
    t.ELASTICACHE_CLUSTER: (OwnName("clusterId"),),
    "aws:elasticache/user:User": (OwnName("userId"),),
    "aws:elasticache/userGroup:UserGroup": (OwnName("userGroupId"),),
    "aws:memorydb/user:User": (OwnName("userName"),),
    # S3
    t.S3_BUCKET: (OwnName("bucket", "bucketPrefix", autoname=True, lower=True, max_length=63),),
    t.S3_BUCKET_V2: (OwnName("bucket", "bucketPrefix", autoname=True, lower=True, max_length=63),),
    "aws:s3/directoryBucket:DirectoryBucket": (OwnName("bucket"),),
    "aws:s3/vectorsVectorBucket:VectorsVectorBucket": (OwnName("vectorBucketName"),),
    # CloudWatch
    t.CLOUDWATCH_METRIC_ALARM: (OwnName("name", None, autoname=True),),
    t.CLOUDWATCH_COMPOSITE_ALARM: (OwnName("alarmName"),),
    t.CLOUDWATCH_LOG_GROUP: (OwnName("name", "namePrefix", autoname=True),),
    "aws:cloudwatch/dashboard:Dashboard": (OwnName("dashboardName"),),
    "aws:cloudwatch/contributorInsightRule:ContributorInsightRule": (OwnName("ruleName"),),
    "aws:cloudwatch/internetMonitor:InternetMonitor": (OwnName("monitorName"),),
    # IAM
    t.IAM_ROLE: (OwnName("name", "namePrefix", autoname=True, max_length=64),),
    t.IAM_POLICY: (OwnName("name", "namePrefix", autoname=True, max_length=128),),
    "aws:iam/virtualMfaDevice:VirtualMfaDevice": (OwnName("virtualMfaDeviceName"),),
    # Everything else with an autoname the offline preview reproduces
    t.SNS_TOPIC: (OwnName("name", "namePrefix", autoname=True),),
    "aws:sqs/queue:Queue": (OwnName("name", "namePrefix", autoname=True),),
    t.SECRETSMANAGER_SECRET: (OwnName("name", "namePrefix", autoname=True),),
    t.EC2_SECURITY_GROUP: (OwnName("name", "namePrefix", autoname=True),),
    t.LB_LOAD_BALANCER: (OwnName("name", "namePrefix", autoname=True, max_length=32),),
    t.LB_TARGET_GROUP: (OwnName("name", "namePrefix", autoname=True, max_length=32),),
    t.LAMBDA_FUNCTION: (OwnName("name", None, autoname=True, max_length=64),),
    "aws:lambda/layerVersion:LayerVersion": (OwnName("layerName"),),
    t.ECS_TASK_DEFINITION: (OwnName("family"),),
    "aws:ecs/expressGatewayService:ExpressGatewayService": (OwnName("serviceName"),),
}

# Types whose `name` is not a physical name of the resource itself: it names another resource, or it is
# unique only inside a parent resource (so two environments' stacks cannot collide on it), or it is no AWS
# name at all. Their logical name still carries the environment suffix.
NOT_OWN_NAME: dict[str, str] = {
    "aws:ssm/association:Association": "the SSM document the association runs",
    "aws:lambda/alias:Alias": "unique only within its function",
    "aws:lambda/permission:Permission": "a statement in its function's resource policy",
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": "an attachment of a policy to a role",
    "aws:iam/userPolicyAttachment:UserPolicyAttachment": "an attachment of a policy to a user",
    "aws:iam/groupPolicyAttachment:GroupPolicyAttachment": "an attachment of a policy to a group",
    "aws:iam/policyAttachment:PolicyAttachment": "a label in Pulumi state, not an AWS name",
    "aws:iam/groupMembership:GroupMembership": "a label in Pulumi state, not an AWS name",
    "aws:iam/rolePolicy:RolePolicy": "unique only within its role",
    "aws:iam/userPolicy:UserPolicy": "unique only within its user",
    "aws:iam/groupPolicy:GroupPolicy": "unique only within its group",
    "aws:ecs/service:Service": "unique only within its cluster",
    "aws:ecs/accountSettingDefault:AccountSettingDefault": "the name of an account setting",
    "aws:ecr/accountSetting:AccountSetting": "the name of an account setting",
    "aws:kms/grant:Grant": "a friendly name that need not be unique",
    "aws:cloudwatch/logStream:LogStream": "unique only within its log group",
    "aws:cloudwatch/logMetricFilter:LogMetricFilter": "unique only within its log group",
    "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter": "unique only within its log group",
    "aws:kinesis/streamConsumer:StreamConsumer": "unique only within its stream",
    "aws:s3/analyticsConfiguration:AnalyticsConfiguration": "unique only within its bucket",
    "aws:s3/bucketMetric:BucketMetric": "unique only within its bucket",
    "aws:s3/inventory:Inventory": "unique only within its bucket",
    "aws:s3/bucketIntelligentTieringConfiguration:BucketIntelligentTieringConfiguration":
        "unique only within its bucket",
    "aws:ssm/maintenanceWindowTarget:MaintenanceWindowTarget": "unique only within its maintenance window",
    "aws:ssm/maintenanceWindowTask:MaintenanceWindowTask": "unique only within its maintenance window",
    "aws:ec2/tag:Tag": "a tag on another resource",
    "aws:ec2/vpcEndpoint:VpcEndpoint": "the service the endpoint connects to",
}


def own_names(resource_type: str) -> tuple[OwnName, ...]:
    """The properties holding the resource's own physical name (empty for NOT_OWN_NAME types)."""
    listed = OWN_NAMES.get(resource_type)
    if listed is not None:
        return listed
    if resource_type in NOT_OWN_NAME or resource_type.startswith("pulumi:"):
        return ()
    return (GENERIC,)


def own_name_props(resource_type: str) -> tuple[tuple[str, bool], ...]:
    """(property, is a prefix) for every own-name property of the type, names before prefixes."""
    names = own_names(resource_type)
    return tuple((n.prop, False) for n in names) + tuple((n.prefix, True) for n in names if n.prefix)


def autoname(resource_type: str) -> OwnName | None:
    """The own name the provider's Check fills in when the program sets neither it nor its prefix."""
    if resource_type not in OWN_NAMES:
        return None
    return next((n for n in OWN_NAMES[resource_type] if n.autoname), None)
