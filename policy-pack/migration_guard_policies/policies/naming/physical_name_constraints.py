"""physical-name-constraints: explicit physical names obey the AWS service's naming rules."""

from __future__ import annotations

from ... import types as t
from ...examples import Example, unknown
from ...model import Family, ResourceCheck, ResourcePolicySpec
from ...names import own_name_props
from ._name_rules import FIFO_SUFFIX, RULES, NameRule


def _sns_fifo(r: ResourceCheck, prop: str, is_prefix: bool, value: str) -> tuple[str, int, list[str]] | None:
    """SNS: (the name without '.fifo', characters to reserve, problems); None when fifoTopic is unknown."""
    fifo = r.props.get("fifoTopic")
    has_suffix = value.endswith(FIFO_SUFFIX)
    if fifo.unknown and (has_suffix or is_prefix):
        r.unverifiable("fifoTopic", f"it decides whether {prop} must end with '{FIFO_SUFFIX}'")
        return None
    if fifo.is_true():
        if is_prefix:
            return value, len(FIFO_SUFFIX), []  # the provider appends '.fifo' after the generated suffix
        if not has_suffix:
            return value, 0, [f"must end with '{FIFO_SUFFIX}' on a FIFO topic (fifoTopic: true)"]
        return value[: -len(FIFO_SUFFIX)], len(FIFO_SUFFIX), []
    if has_suffix and not is_prefix:
        return value[: -len(FIFO_SUFFIX)], len(FIFO_SUFFIX), [f"ends with '{FIFO_SUFFIX}', allowed only with fifoTopic: true"]
    return value, 0, []


SHOWN_LENGTH = 80  # names longer than this are cut in messages


def check_name(r: ResourceCheck, rule: NameRule, prop: str, is_prefix: bool) -> None:
    read = r.props.get(prop)
    why = f"it must obey the {rule.what} rules ({rule.ref})"
    if r.check_unknown(read, why):
        return
    value = read.str()
    if not value:
        return  # not set (the provider treats an empty name as unset and generates one)
    checked, reserve = value, 0
    problems: list[str] = []
    if r.type == t.SNS_TOPIC:
        fifo = _sns_fifo(r, prop, is_prefix, value)
        if fifo is None:
            return
        checked, reserve, problems = fifo
    problems += rule.problems(checked, is_prefix, reserve)
    if problems:
        what = f"the start of a {rule.what}" if is_prefix else f"a valid {rule.what}"
        shown = value if len(value) <= SHOWN_LENGTH else value[:SHOWN_LENGTH] + "..."
        r.violation(
            f"{prop} '{shown}' is not {what}: it " + "; it ".join(problems)
            + f". AWS would reject it mid-deployment ({rule.ref}). Change {prop}, or leave it out "
            "so that Pulumi derives a name from the logical name."
        )


def check(r: ResourceCheck) -> None:
    rule = RULES.get(r.type)
    if rule is None:
        return
    for prop, is_prefix in own_name_props(r.type):
        check_name(r, rule, prop, is_prefix)


NAMES = sorted({prop for type_ in RULES for prop, _prefix in own_name_props(type_)})

SPEC = ResourcePolicySpec(
    name="physical-name-constraints",
    description="Explicit physical names and name prefixes obey the AWS service's length and character rules.",
    family=Family.NAMING,
    severity="high",
    level="mandatory",
    resource_types=tuple(RULES),
    rule=(
        "Every explicitly set physical name (and name prefix) obeys the AWS service's length and character "
        "rules, so that a name AWS would reject fails at preview instead of mid-deployment. Each rule cites the "
        "AWS API reference: RDS identifiers (CreateDBInstance DBInstanceIdentifier, CreateDBCluster "
        "DBClusterIdentifier: 1-63 letters, digits or hyphens, starting with a letter, no trailing or double "
        "hyphen; the same for DocumentDB and Neptune CreateDBCluster DBClusterIdentifier, and Redshift CreateCluster "
        "ClusterIdentifier with lowercase letters only), DB subnet and parameter group names (255), S3 bucket names (3-63 lowercase letters, digits, "
        "periods, hyphens; no IP addresses or reserved prefixes and suffixes), DMS identifiers (instance 63, task "
        "and endpoint 255 (Endpoint and S3Endpoint), subnet group 255), Secrets Manager names (512, letters, digits and /_+=.@-), log "
        "groups (512, `[.\\-_/#A-Za-z0-9]`), alarm names (255), KMS aliases (`alias/`, not `alias/aws/`), IAM "
        "role (64) and policy (128) names (`[\\w+=,.@-]`), load balancer and target group names (32 letters, "
        "digits, hyphens), SNS topic names (256, `.fifo` for FIFO topics), ElastiCache replication group ids "
        "(40). A name prefix must leave room for the 26-character suffix the provider appends. The properties "
        "checked are each type's own names in the pack's names table. DMS ReplicationConfig "
        "`replicationConfigIdentifier` is not checked: the DMS API reference (CreateReplicationConfig) documents no "
        "length or character rule for it."
    ),
    unknown_handling="unverifiable (a name computed from another resource's output)",
    remediation=(
        "1. Read the message: it names the property, the rule that fails and the AWS API reference.\n"
        "2. Shorten the name or replace the characters AWS rejects (for example build names with "
        "\"-\".join(parts) and lowercase them for S3).\n"
        "3. Or drop the explicit name: Pulumi then derives a valid physical name from the logical name."
    ),
    refs=("seed 002", "seed 003"),
    echoes=frozenset(NAMES),
    check=check,
    examples=(
        Example("Valid RDS identifier", {"identifier": "migration-postgres-dev", "engine": "postgres"}, "pass",
                type=t.RDS_INSTANCE),
        Example("RDS identifier starting with a digit and with a double hyphen",
                {"identifier": "1orders--db-dev"}, "fail", type=t.RDS_INSTANCE,
                mentions=("identifier", "start with a letter", "CreateDBInstance")),
        Example("Bucket name with uppercase letters and underscores", {"bucket": "Migration_Artifacts-dev"}, "fail",
                type=t.S3_BUCKET_V2, mentions=("bucket", "CreateBucket")),
        Example("Load balancer name longer than 32 characters", {"name": "migration-internal-api-balancer-dev"},
                "fail", type=t.LB_LOAD_BALANCER, mentions=("name", "32")),
        Example("Target group name prefix leaves no room for the generated suffix", {"namePrefix": "migration-"},
                "fail", type=t.LB_TARGET_GROUP, mentions=("namePrefix",)),
        Example("KMS alias without the alias/ prefix", {"name": "migration-dev", "targetKeyId": unknown()}, "fail",
                type=t.KMS_ALIAS, mentions=("alias/",)),
        Example("FIFO topic name ends with .fifo", {"name": "migration-events-dev.fifo", "fifoTopic": True}, "pass",
                type=t.SNS_TOPIC),
        Example("Log group path with slashes", {"name": "/aws/rds/cluster/migration-aurora-dev/postgresql"}, "pass",
                type=t.CLOUDWATCH_LOG_GROUP),
        Example("Replication group id longer than 40 characters",
                {"replicationGroupId": "migration-session-cache-replication-group-dev"}, "fail",
                type=t.ELASTICACHE_REPLICATION_GROUP, mentions=("replicationGroupId", "40")),
        Example("Redshift cluster identifier with uppercase letters", {"clusterIdentifier": "Warehouse-dev",
                                                                        "nodeType": "ra3.xlplus"}, "fail",
                type="aws:redshift/cluster:Cluster", mentions=("clusterIdentifier", "lowercase", "CreateCluster")),
        Example("DocumentDB cluster identifier ending with a hyphen", {"clusterIdentifier": "catalog-dev-"}, "fail",
                type="aws:docdb/cluster:Cluster", mentions=("clusterIdentifier", "hyphen")),
        Example("Neptune cluster identifier prefix", {"clusterIdentifierPrefix": "graph-dev-"}, "pass",
                type="aws:neptune/cluster:Cluster"),
        Example("DMS S3 endpoint id with an underscore", {"endpointId": "landing_dev", "bucketName": "landing-dev"},
                "fail", type="aws:dms/s3Endpoint:S3Endpoint", mentions=("endpointId", "CreateEndpoint")),
        Example("Secret name computed from another resource's output", {"name": unknown()}, "unverifiable",
                type=t.SECRETSMANAGER_SECRET),
    ),
)
