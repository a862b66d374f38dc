"""AWS naming rules for physical names, each from the service's API reference (data for physical-name-constraints).

A rule is what the service's Create* API accepts for the name parameter. A name prefix (``namePrefix``,
``identifierPrefix``, ``bucketPrefix``) is completed by the provider with a 26-character unique suffix
(terraform-plugin-sdk ``id.PrefixedUniqueId``: timestamp digits and a hex counter), so the prefix must leave
room for it and obey every rule that applies to the start of the name.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable
from dataclasses import dataclass

from ... import types as t

UNIQUE_SUFFIX_LENGTH = 26  # the suffix the provider appends to a name prefix

Extra = Callable[[str, bool], list[str]]  # (value, is_prefix) -> problems


@dataclass(frozen=True)
class NameRule:
    what: str  # "RDS DB instance identifier"
    max_len: int
    chars: str  # a regex character class of the allowed characters
    chars_text: str  # the same, in words
    ref: str  # the AWS API reference: "RDS CreateDBInstance, DBInstanceIdentifier"
    min_len: int = 1
    first_letter: bool = False  # the first character must be a letter
    hyphen_rules: bool = False  # no trailing hyphen, no two consecutive hyphens
    extra: Extra | None = None

    def problems(self, value: str, is_prefix: bool = False, reserve: int = 0) -> list[str]:
        """What is wrong with a name (or a name prefix); empty when AWS would accept it."""
        found: list[str] = []
        limit = self.max_len - reserve - (UNIQUE_SUFFIX_LENGTH if is_prefix else 0)
        if len(value) > limit:
            room = f" (leaving {UNIQUE_SUFFIX_LENGTH} characters for the generated suffix)" if is_prefix else ""
            found.append(f"is {len(value)} characters long; at most {limit} are allowed{room}")
        if not is_prefix and len(value) < self.min_len:
            found.append(f"is shorter than {self.min_len} characters")
        bad = sorted(set(re.sub(f"[{self.chars}]", "", value, flags=re.ASCII)))
        if bad:
            shown = " ".join(repr(c) for c in bad[:8])
            found.append(f"contains characters outside {self.chars_text}: {shown}")
        if self.first_letter and value and not (value[0].isascii() and value[0].isalpha()):
            found.append("must start with a letter")
        if self.hyphen_rules:
            if "--" in value:
                found.append("must not contain two consecutive hyphens")
            if value.endswith("-") and not is_prefix:
                found.append("must not end with a hyphen")
        if self.extra is not None:
            found.extend(self.extra(value, is_prefix))
        return found


def _s3_bucket(value: str, is_prefix: bool) -> list[str]:
    found = []
    if value and not value[0].isalnum():
        found.append("must start with a lowercase letter or a digit")
    if not is_prefix and value and not value[-1].isalnum():
        found.append("must end with a lowercase letter or a digit")
    if ".." in value:
        found.append("must not contain two adjacent periods")
    if not is_prefix:
        try:
            ipaddress.IPv4Address(value)
            found.append("must not be formatted as an IP address")
        except ValueError:
            pass
    for reserved in ("xn--", "sthree-", "amzn-s3-demo-"):
        if value.startswith(reserved):
            found.append(f"must not start with the reserved prefix '{reserved}'")
    for reserved in ("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"):
        if not is_prefix and value.endswith(reserved):
            found.append(f"must not end with the reserved suffix '{reserved}'")
    return found


def _elb_name(value: str, is_prefix: bool) -> list[str]:
    found = []
    if value.startswith("-"):
        found.append("must not start with a hyphen")
    if not is_prefix and value.endswith("-"):
        found.append("must not end with a hyphen")
    return found


def _load_balancer(value: str, is_prefix: bool) -> list[str]:
    found = _elb_name(value, is_prefix)
    if value.lower().startswith("internal-"):
        found.append("must not start with 'internal-'")
    return found


def _kms_alias(value: str, is_prefix: bool) -> list[str]:
    found = []
    if not value.startswith("alias/"):
        found.append("must start with 'alias/'")
    elif value.startswith("alias/aws/"):
        found.append("must not start with 'alias/aws/' (reserved for AWS managed keys)")
    return found


def _not_default(value: str, is_prefix: bool) -> list[str]:
    return ["must not be 'default'"] if not is_prefix and value.lower() == "default" else []


ALNUM_HYPHEN = "A-Za-z0-9-"
RDS_IDENTIFIER = NameRule("RDS DB instance identifier", 63, ALNUM_HYPHEN, "letters, digits and hyphens",
                          "RDS CreateDBInstance, DBInstanceIdentifier", first_letter=True, hyphen_rules=True)
RDS_CLUSTER_IDENTIFIER = NameRule("RDS DB cluster identifier", 63, ALNUM_HYPHEN, "letters, digits and hyphens",
                                  "RDS CreateDBCluster, DBClusterIdentifier", first_letter=True, hyphen_rules=True)
RDS_SUBNET_GROUP = NameRule("RDS DB subnet group name", 255, "A-Za-z0-9._ -",
                            "letters, digits, periods, underscores, spaces and hyphens",
                            "RDS CreateDBSubnetGroup, DBSubnetGroupName", extra=_not_default)
RDS_PARAMETER_GROUP = NameRule("RDS DB parameter group name", 255, ALNUM_HYPHEN, "letters, digits and hyphens",
                               "RDS CreateDBParameterGroup, DBParameterGroupName", first_letter=True,
                               hyphen_rules=True)
RDS_CLUSTER_PARAMETER_GROUP = NameRule("RDS DB cluster parameter group name", 255, ALNUM_HYPHEN,
                                       "letters, digits and hyphens",
                                       "RDS CreateDBClusterParameterGroup, DBClusterParameterGroupName",
                                       first_letter=True, hyphen_rules=True)
S3_BUCKET = NameRule("S3 general purpose bucket name", 63, "a-z0-9.-", "lowercase letters, digits, periods and hyphens",
                     "S3 CreateBucket, Bucket (general purpose bucket naming rules)", min_len=3, extra=_s3_bucket)
DMS_INSTANCE = NameRule("DMS replication instance identifier", 63, ALNUM_HYPHEN, "letters, digits and hyphens",
                        "DMS CreateReplicationInstance, ReplicationInstanceIdentifier", first_letter=True,
                        hyphen_rules=True)
DMS_TASK = NameRule("DMS replication task identifier", 255, ALNUM_HYPHEN, "letters, digits and hyphens",
                    "DMS CreateReplicationTask, ReplicationTaskIdentifier", first_letter=True, hyphen_rules=True)
DMS_ENDPOINT = NameRule("DMS endpoint identifier", 255, ALNUM_HYPHEN, "letters, digits and hyphens",
                        "DMS CreateEndpoint, EndpointIdentifier", first_letter=True, hyphen_rules=True)
DMS_SUBNET_GROUP = NameRule("DMS replication subnet group identifier", 255, "A-Za-z0-9._ -",
                            "letters, digits, periods, spaces, underscores and hyphens",
                            "DMS CreateReplicationSubnetGroup, ReplicationSubnetGroupIdentifier", extra=_not_default)
SECRET = NameRule("Secrets Manager secret name", 512, "A-Za-z0-9/_+=.@-", "ASCII letters, digits and /_+=.@-",
                  "Secrets Manager CreateSecret, Name")
LOG_GROUP = NameRule("CloudWatch Logs log group name", 512, "A-Za-z0-9._/#-", "letters, digits and ._-/#",
                     "CloudWatch Logs CreateLogGroup, logGroupName")
ALARM = NameRule("CloudWatch alarm name", 255, "^\x00-\x1f\x7f", "printable characters",
                 "CloudWatch PutMetricAlarm / PutCompositeAlarm, AlarmName")
KMS_ALIAS = NameRule("KMS alias name", 256, "A-Za-z0-9:/_-", "letters, digits and :/_-",
                     "KMS CreateAlias, AliasName", extra=_kms_alias)
IAM_ROLE = NameRule("IAM role name", 64, r"\w+=,.@-", "letters, digits and _+=,.@-", "IAM CreateRole, RoleName")
IAM_POLICY = NameRule("IAM policy name", 128, r"\w+=,.@-", "letters, digits and _+=,.@-",
                      "IAM CreatePolicy, PolicyName")
LOAD_BALANCER = NameRule("Elastic Load Balancing load balancer name", 32, ALNUM_HYPHEN, "letters, digits and hyphens",
                         "Elastic Load Balancing CreateLoadBalancer, Name", extra=_load_balancer)
TARGET_GROUP = NameRule("Elastic Load Balancing target group name", 32, ALNUM_HYPHEN, "letters, digits and hyphens",
                        "Elastic Load Balancing CreateTargetGroup, Name", extra=_elb_name)
SNS_TOPIC = NameRule("SNS topic name", 256, "A-Za-z0-9_-", "letters, digits, underscores and hyphens (and a "
                     "'.fifo' suffix on FIFO topics)", "SNS CreateTopic, Name")
ELASTICACHE_GROUP = NameRule("ElastiCache replication group id", 40, ALNUM_HYPHEN, "letters, digits and hyphens",
                             "ElastiCache CreateReplicationGroup, ReplicationGroupId", first_letter=True,
                             hyphen_rules=True)


DOCDB_CLUSTER_IDENTIFIER = NameRule("DocumentDB cluster identifier", 63, ALNUM_HYPHEN, "letters, digits and hyphens",
                                    "DocumentDB CreateDBCluster, DBClusterIdentifier", first_letter=True,
                                    hyphen_rules=True)
NEPTUNE_CLUSTER_IDENTIFIER = NameRule("Neptune DB cluster identifier", 63, ALNUM_HYPHEN, "letters, digits and hyphens",
                                      "Neptune CreateDBCluster, DBClusterIdentifier", first_letter=True,
                                      hyphen_rules=True)
REDSHIFT_CLUSTER_IDENTIFIER = NameRule("Redshift cluster identifier", 63, "a-z0-9-",
                                       "lowercase letters, digits and hyphens",
                                       "Redshift CreateCluster, ClusterIdentifier", first_letter=True,
                                       hyphen_rules=True)
DMS_S3_ENDPOINT = NameRule("DMS endpoint identifier", 255, ALNUM_HYPHEN, "letters, digits and hyphens",
                           "DMS CreateEndpoint, EndpointIdentifier", first_letter=True, hyphen_rules=True)

# The naming rule of each type; the properties it applies to are the type's own names in the pack's
# names table (migration_guard_policies.names), names and name prefixes alike.
RULES: dict[str, NameRule] = {
    t.RDS_INSTANCE: RDS_IDENTIFIER,
    t.RDS_CLUSTER: RDS_CLUSTER_IDENTIFIER,
    t.RDS_CLUSTER_INSTANCE: RDS_IDENTIFIER,
    t.RDS_SUBNET_GROUP: RDS_SUBNET_GROUP,
    t.RDS_PARAMETER_GROUP: RDS_PARAMETER_GROUP,
    t.RDS_CLUSTER_PARAMETER_GROUP: RDS_CLUSTER_PARAMETER_GROUP,
    t.S3_BUCKET: S3_BUCKET,
    t.S3_BUCKET_V2: S3_BUCKET,
    t.DMS_REPLICATION_INSTANCE: DMS_INSTANCE,
    t.DMS_REPLICATION_TASK: DMS_TASK,
    t.DMS_ENDPOINT: DMS_ENDPOINT,
    "aws:dms/s3Endpoint:S3Endpoint": DMS_S3_ENDPOINT,
    t.DMS_REPLICATION_SUBNET_GROUP: DMS_SUBNET_GROUP,
    "aws:docdb/cluster:Cluster": DOCDB_CLUSTER_IDENTIFIER,
    "aws:neptune/cluster:Cluster": NEPTUNE_CLUSTER_IDENTIFIER,
    "aws:redshift/cluster:Cluster": REDSHIFT_CLUSTER_IDENTIFIER,
    t.SECRETSMANAGER_SECRET: SECRET,
    t.CLOUDWATCH_LOG_GROUP: LOG_GROUP,
    t.CLOUDWATCH_METRIC_ALARM: ALARM,
    t.CLOUDWATCH_COMPOSITE_ALARM: ALARM,
    t.KMS_ALIAS: KMS_ALIAS,
    t.IAM_ROLE: IAM_ROLE,
    t.IAM_POLICY: IAM_POLICY,
    t.LB_LOAD_BALANCER: LOAD_BALANCER,
    t.ALB_LOAD_BALANCER: LOAD_BALANCER,
    t.LB_TARGET_GROUP: TARGET_GROUP,
    t.ALB_TARGET_GROUP: TARGET_GROUP,
    t.SNS_TOPIC: SNS_TOPIC,
    t.ELASTICACHE_REPLICATION_GROUP: ELASTICACHE_GROUP,
}

FIFO_SUFFIX = ".fifo"
