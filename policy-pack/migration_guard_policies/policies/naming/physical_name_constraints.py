"""physical-name-constraints: explicit physical names obey the AWS service's naming rules."""

from __future__ import annotations

from ... import types as t
from ...context import ResourceCheck
from ...examples import Example, unknown
from ...props import contains_unknown_text
from ...spec import Family, ResourcePolicySpec
from ._name_rules import FIFO_SUFFIX, NAME_PROPS, NameProp


def _sns_fifo(r: ResourceCheck, name: NameProp, value: str) -> tuple[str, int, list[str]] | None:
    """SNS: (the name without '.fifo', characters to reserve, problems); None when fifoTopic is unknown."""
    fifo = r.props.get("fifoTopic")
    has_suffix = value.endswith(FIFO_SUFFIX)
    if fifo.unknown and (has_suffix or name.prefix):
        r.unverifiable("fifoTopic", f"it decides whether {name.prop} must end with '{FIFO_SUFFIX}'")
        return None
    if fifo.is_true():
        if name.prefix:
            return value, len(FIFO_SUFFIX), []  # the provider appends '.fifo' after the generated suffix
        if not has_suffix:
            return value, 0, [f"must end with '{FIFO_SUFFIX}' on a FIFO topic (fifoTopic: true)"]
        return value[: -len(FIFO_SUFFIX)], len(FIFO_SUFFIX), []
    if has_suffix and not name.prefix:
        return value[: -len(FIFO_SUFFIX)], len(FIFO_SUFFIX), [f"ends with '{FIFO_SUFFIX}', allowed only with fifoTopic: true"]
    return value, 0, []


def check(r: ResourceCheck) -> None:
    for name in NAME_PROPS.get(r.type, ()):
        read = r.props.get(name.prop)
        if r.check_unknown(read, f"it must obey the {name.rule.what} rules ({name.rule.ref})"):
            continue
        value = read.str()
        if not value:
            continue  # not set (the provider treats an empty name as unset and generates one)
        if contains_unknown_text(value):
            r.unverifiable(name.prop, f"it must obey the {name.rule.what} rules ({name.rule.ref})")
            continue
        checked, reserve = value, 0
        problems: list[str] = []
        if r.type == t.SNS_TOPIC:
            fifo = _sns_fifo(r, name, value)
            if fifo is None:
                continue
            checked, reserve, problems = fifo
        problems += name.rule.problems(checked, name.prefix, reserve)
        if problems:
            what = f"the start of a {name.rule.what}" if name.prefix else f"a valid {name.rule.what}"
            r.violation(
                f"{name.prop} '{value}' is not {what}: it " + "; it ".join(problems)
                + f". AWS would reject it mid-deployment ({name.rule.ref}). Change {name.prop}, or leave it out "
                "so that Pulumi derives a name from the logical name."
            )


NAMES = sorted({n.prop for props in NAME_PROPS.values() for n in props})

SPEC = ResourcePolicySpec(
    name="physical-name-constraints",
    description="Explicit physical names and name prefixes obey the AWS service's length and character rules.",
    family=Family.NAMING,
    severity="high",
    level="mandatory",
    resource_types=tuple(NAME_PROPS),
    rule=(
        "Every explicitly set physical name (and name prefix) obeys the AWS service's length and character "
        "rules, so that a name AWS would reject fails at preview instead of mid-deployment. Each rule cites the "
        "AWS API reference: RDS identifiers (CreateDBInstance DBInstanceIdentifier, CreateDBCluster "
        "DBClusterIdentifier: 1-63 letters, digits or hyphens, starting with a letter, no trailing or double "
        "hyphen), DB subnet and parameter group names (255), S3 bucket names (3-63 lowercase letters, digits, "
        "periods, hyphens; no IP addresses or reserved prefixes and suffixes), DMS identifiers (instance 63, task "
        "and endpoint 255, subnet group 255), Secrets Manager names (512, letters, digits and /_+=.@-), log "
        "groups (512, `[.\\-_/#A-Za-z0-9]`), alarm names (255), KMS aliases (`alias/`, not `alias/aws/`), IAM "
        "role (64) and policy (128) names (`[\\w+=,.@-]`), load balancer and target group names (32 letters, "
        "digits, hyphens), SNS topic names (256, `.fifo` for FIFO topics), ElastiCache replication group ids "
        "(40). A name prefix must leave room for the 26-character suffix the provider appends."
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
        Example("Secret name computed from another resource's output", {"name": unknown()}, "unverifiable",
                type=t.SECRETSMANAGER_SECRET),
    ),
)
