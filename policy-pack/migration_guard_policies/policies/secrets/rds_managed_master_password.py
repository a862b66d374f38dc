"""rds-managed-master-password: master credentials never pass through Pulumi.

A resource policy that also reads the stack (catalog r2; the lead's design of 22:46): Analyze decides
everything one resource shows, and ``stack_check`` decides what needs the rest of the stack - whether an
instance is the source of a read replica. The engine registers (and analyzes) the source before its
replica, so neither Analyze nor a per-process memory of earlier Analyze calls can know it; AnalyzeStack sees
every resource at once, with the property dependencies that link a replica's `replicateSourceDb` to its
source.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...context import ResourceCheck, StackCheck, StackResourceView
from ...examples import Example, StackExample, StackResource, secret, unknown
from ...props import Props
from ...rules import is_aws_managed_key
from ...settings import BoolSetting
from ...spec import Family, ResourcePolicySpec
from ...types import RDS_CLUSTER, RDS_INSTANCE
from ..rds_common import inherited_from_source, is_aurora

RDS_GUIDE = "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html#rds-secrets-manager-limitations"
AURORA_GUIDE = (
    "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/rds-secrets-manager.html"
    "#rds-secrets-manager-limitations"
)


REQUIRE_CUSTOMER_MANAGED_KEY = BoolSetting(
    "requireCustomerManagedKey",
    default=True,
    description="Require masterUserSecretKmsKeyId (a customer-managed key) for the managed secret.",
)
ALLOW_WRITE_ONLY_PASSWORDS = BoolSetting(
    "allowWriteOnlyPasswords",
    default=True,
    description="Accept write-only passwords (passwordWo / masterPasswordWo), which never reach state.",
)


@dataclass(frozen=True)
class Credentials:
    """The credential properties of one type: plaintext password, write-only password and its version."""

    password: str
    write_only: str
    version: str


CREDENTIALS = {
    RDS_INSTANCE: Credentials("password", "passwordWo", "passwordWoVersion"),
    RDS_CLUSTER: Credentials("masterPassword", "masterPasswordWo", "masterPasswordWoVersion"),
}


def arn_region(value: str | None) -> str | None:
    """The Region of an ARN (``arn:aws:rds:eu-west-1:...``), None for anything else."""
    parts = (value or "").split(":")
    return parts[3] if len(parts) > 4 and parts[0] == "arn" and parts[3] else None


def is_cross_region_source(source: str | None, provider: Props) -> bool:
    """The replica's source is an ARN of another Region than the replica's provider."""
    region = arn_region(source)
    provider_region = provider.get("region").str()
    return region is not None and provider_region is not None and region != provider_region


def unsupported_because(resource_type: str, props: Props, provider: Props) -> str | None:
    """Why RDS does not support a managed master password for this database (seen alone), or None."""
    engine = (props.get("engine").str() or "").lower()
    if resource_type == RDS_CLUSTER:
        if props.get("globalClusterIdentifier").present:
            return f"a cluster in an Aurora global database (globalClusterIdentifier; {AURORA_GUIDE})"
        if (props.get("engineMode").str() or "").lower() == "serverless":
            return f"an Aurora Serverless v1 cluster (engineMode: serverless; {AURORA_GUIDE})"
        if is_cross_region_source(props.get("replicationSourceIdentifier").str(), provider):
            return f"a cross-Region read replica cluster (replicationSourceIdentifier; {AURORA_GUIDE})"
        return None
    if props.get("blueGreenUpdate.enabled").is_true():
        return f"an instance updated with RDS Blue/Green Deployments (blueGreenUpdate.enabled; {RDS_GUIDE})"
    if engine.startswith("custom-"):
        return f"RDS Custom (engine custom-*; {RDS_GUIDE})"
    return None


def managed_where_unsupported(keys: Credentials, unsupported: str) -> str:
    return (
        f"manageMasterUserPassword is true, but RDS does not support managed master passwords for {unsupported}: "
        f"the deployment would fail. Remove it and use a write-only {keys.write_only} with {keys.version} "
        "(generated, for example by random.RandomPassword, and never stored in state)."
    )


def decide(resource_type: str, props: Props, provider: Props, config: dict) -> tuple[str | None, list[str]]:  # type: ignore[type-arg]
    """(why the policy does not apply, or None; the violations) for one database seen alone."""
    keys = CREDENTIALS[resource_type]
    managed = props.get("manageMasterUserPassword")
    unsupported = unsupported_because(resource_type, props, provider)
    if unsupported and (managed.unknown or managed.is_true()):
        return None, [managed_where_unsupported(keys, unsupported)]
    inherited = inherited_from_source(resource_type, props)
    if inherited:
        return f"master credentials: {inherited}", []
    if resource_type == RDS_INSTANCE and is_aurora(props):
        return "Aurora master credentials are set on the cluster", []
    # Never read the password's value: only whether it is there. An unknown value is still a password
    # flowing through Pulumi state (for example from a random.RandomPassword).
    if props.get(keys.password).present:
        fix = (f"use a write-only {keys.write_only} with {keys.version}" if unsupported
               else "set manageMasterUserPassword: true so RDS keeps it in Secrets Manager")
        return None, [f"{keys.password} is set: the master password passes through the Pulumi program and state. "
                      f"Remove it and {fix}."]
    if managed.unknown or managed.is_true():
        return None, managed_secret_key(props, config)
    return None, write_only(props, keys, unsupported, config)


def managed_secret_key(props: Props, config: dict) -> list[str]:  # type: ignore[type-arg]
    if not config.get("requireCustomerManagedKey"):
        return []
    key = props.get("masterUserSecretKmsKeyId")
    if not key.present:
        return ["masterUserSecretKmsKeyId is not set: the RDS-managed master secret would be encrypted with the "
                "AWS-managed key. Set it to a customer-managed KMS key."]
    if is_aws_managed_key(key.str()):
        return ["masterUserSecretKmsKeyId is an AWS-managed key (alias/aws/...): the RDS-managed master secret "
                "must be encrypted with a customer-managed KMS key."]
    return []


def write_only(props: Props, keys: Credentials, unsupported: str | None, config: dict) -> list[str]:  # type: ignore[type-arg]
    allowed_here = bool(config.get("allowWriteOnlyPasswords")) or unsupported is not None
    if allowed_here and props.get(keys.write_only).present:
        if not props.get(keys.version).present:
            return [f"{keys.write_only} is used without {keys.version}: the password can never be rotated."]
        return []
    if unsupported:
        return [f"master credentials are not managed, and RDS does not support managed master passwords for "
                f"{unsupported}: use a write-only {keys.write_only} with {keys.version}."]
    allowed = "manageMasterUserPassword: true"
    if config.get("allowWriteOnlyPasswords"):
        allowed += f" (or a write-only {keys.write_only} with {keys.version})"
    return [f"master credentials are not managed: set {allowed}."]


def check(r: ResourceCheck) -> None:
    config = {setting.key: r.setting(setting) for setting in (REQUIRE_CUSTOMER_MANAGED_KEY, ALLOW_WRITE_ONLY_PASSWORDS)}
    not_applicable, violations = decide(r.type, r.props, r.provider, config)
    if not_applicable:
        r.not_applicable(not_applicable)
    for message in violations:
        r.violation(message)


# ---------------------------------------------------------------------------------------------
# What needs the stack: an instance that is the source of a read replica in the same stack.


def replica_sources(s: StackCheck) -> set[str]:
    """URNs of the instances that a read replica of this stack replicates (property dependency or literal)."""
    instances = s.of_type(RDS_INSTANCE)
    by_identifier = {}
    for instance in instances:
        identifier = instance.props.get("identifier").str()
        if identifier:
            by_identifier[identifier.lower()] = instance.urn
    sources: set[str] = set()
    for replica in instances:
        sources.update(d.urn for d in s.deps(replica, "replicateSourceDb") if d.type == RDS_INSTANCE)
        literal = replica.props.get("replicateSourceDb").str()
        if literal:
            name = literal.rsplit(":db:", 1)[-1].lower()  # an ARN (arn:aws:rds:...:db:<id>) or an identifier
            if name in by_identifier:
                sources.add(by_identifier[name])
    return sources


def source_of_replica_violation(source: StackResourceView) -> str | None:
    """The violation of a replica's source that Analyze could not see, or None."""
    props, keys = source.props, CREDENTIALS[RDS_INSTANCE]
    engine = (props.get("engine").str() or "").lower()
    managed = props.get("manageMasterUserPassword")
    if engine.startswith("sqlserver") or not (managed.unknown or managed.is_true()):
        return None
    if unsupported_because(RDS_INSTANCE, props, source.provider) or inherited_from_source(RDS_INSTANCE, props):
        return None  # Analyze already decided it
    reason = f"the source of a read replica in this stack (every engine but SQL Server; {RDS_GUIDE})"
    return managed_where_unsupported(keys, reason)


def stack_check(s: StackCheck) -> None:
    """Runs on AnalyzeStack under this policy's name and level (ResourcePolicySpec.stack_check)."""
    for urn in sorted(replica_sources(s)):
        source = s.by_urn[urn]
        message = source_of_replica_violation(source)
        if message:
            s.violation(message, source)


def _instance(name: str, props: dict, deps: dict | None = None) -> StackResource:  # type: ignore[type-arg]
    return StackResource(RDS_INSTANCE, name, props, deps=deps or {})


MANAGED = {"manageMasterUserPassword": True, "masterUserSecretKmsKeyId": unknown()}
WRITE_ONLY = {"passwordWo": secret("wo-Example-Pa55phrase"), "passwordWoVersion": 1}
WRITE_ONLY_CLUSTER = {"masterPasswordWo": secret("wo-Example-Pa55phrase"), "masterPasswordWoVersion": 1}
CROSS_REGION_SOURCE = "arn:aws:rds:us-east-1:123456789012:cluster:orders-dev"

STACK_EXAMPLES = (
    StackExample(
        "Managed password on the source of a read replica in the same stack: RDS refuses the replica",
        (_instance("orders-db-dev", {"engine": "postgres", **MANAGED}),
         _instance("orders-replica-dev", {"engine": "postgres", "replicateSourceDb": unknown()},
                   deps={"replicateSourceDb": ("orders-db-dev",)})),
        "fail",
        mentions=("read replica", "passwordWo", "rds-secrets-manager-limitations"),
        failing=("orders-db-dev",),
    ),
    StackExample(
        "Write-only password on the source of a read replica",
        (_instance("orders-db-dev", {"engine": "postgres", "identifier": "orders-db-dev", **WRITE_ONLY}),
         _instance("orders-replica-dev", {"engine": "postgres", "replicateSourceDb": "orders-db-dev"})),
        "pass",
    ),
    StackExample(
        "SQL Server supports replicas of a source with a managed password",
        (_instance("orders-db-dev", {"engine": "sqlserver-ee", **MANAGED}),
         _instance("orders-replica-dev", {"engine": "sqlserver-ee", "replicateSourceDb": unknown()},
                   deps={"replicateSourceDb": ("orders-db-dev",)})),
        "pass",
    ),
)

SPEC = ResourcePolicySpec(
    name="rds-managed-master-password",
    description="RDS master passwords are managed by RDS in Secrets Manager and never pass through Pulumi.",
    family=Family.SECRETS,
    severity="critical",
    level="mandatory",
    resource_types=(RDS_INSTANCE, RDS_CLUSTER),
    rule=(
        "Master credentials never pass through Pulumi: `password` (Instance) / `masterPassword` (Cluster) are "
        "absent; either `manageMasterUserPassword` is true (and, when requireCustomerManagedKey, "
        "`masterUserSecretKmsKeyId` is set and is not an AWS-managed key, by alias name or alias ARN) or, when "
        "allowWriteOnlyPasswords, a write-only `passwordWo` / `masterPasswordWo` with its `...WoVersion` is used. "
        "Where RDS does not support managed master passwords, `manageMasterUserPassword: true` is a violation (the "
        "deployment would fail) and the message asks for the write-only password: clusters in an Aurora global "
        "database (`globalClusterIdentifier`), Aurora Serverless v1 (`engineMode: serverless`), cross-Region read "
        "replica clusters (`replicationSourceIdentifier` an ARN of another Region than the provider's), RDS "
        "Blue/Green (`blueGreenUpdate.enabled`), RDS Custom (engine `custom-*`), and an instance that is the source "
        "of a read replica in the same stack (a replica's `replicateSourceDb` depends on it or names it; every "
        "engine but sqlserver). Sources: \"Limitations for Secrets Manager integration\" in the RDS User Guide "
        f"({RDS_GUIDE}) and the Aurora User Guide ({AURORA_GUIDE}). Same-Region replicas, snapshot and "
        "point-in-time restores and global-cluster secondaries take their credentials from the source: not "
        "checked. The source of a read replica is decided on AnalyzeStack (the source is registered, and analyzed, "
        "before its replica), reported under this policy's name and level. Messages never contain a credential's "
        "value."
    ),
    unknown_handling=(
        "An unknown value counts as set: an unknown password is still a password in state; an unknown "
        "manageMasterUserPassword or masterUserSecretKmsKeyId counts as set (in a context RDS does not support, an "
        "unknown manageMasterUserPassword counts as true, and fails)."
    ),
    remediation=(
        "1. Remove password / master_password from the resource and from Pulumi config.\n"
        "2. Set manage_master_user_password=True and master_user_secret_kms_key_id=key.arn.\n"
        "3. Where RDS does not support it (global databases, Serverless v1, cross-Region replica clusters, "
        "Blue/Green, RDS Custom, the source of a read replica), use password_wo / master_password_wo with "
        "password_wo_version, generated by random.RandomPassword, and store it in your own Secrets Manager secret.\n"
        "4. Read the secret's ARN from the master_user_secrets output in applications and DMS endpoints."
    ),
    refs=("seed 000", "seed 004"),
    settings=(REQUIRE_CUSTOMER_MANAGED_KEY, ALLOW_WRITE_ONLY_PASSWORDS),
    check=check,
    stack_check=stack_check,
    examples=(
        Example(
            "Aurora cluster with an RDS-managed password encrypted with the CMK",
            {"engine": "aurora-postgresql", **MANAGED},
            "pass",
            type=RDS_CLUSTER,
        ),
        Example(
            "Password from config, marked secret (seed 000's ChangeMe123456)",
            {"engine": "postgres", "password": secret("ChangeMe123456"), "username": "admin"},
            "fail",
            mentions=("password",),
        ),
        Example(
            "Password generated by another resource, unknown during preview",
            {"engine": "postgres", "password": unknown()},
            "fail",
            mentions=("password",),
        ),
        Example(
            "Managed password without a key",
            {"engine": "postgres", "manageMasterUserPassword": True},
            "fail",
            mentions=("masterUserSecretKmsKeyId",),
        ),
        Example(
            "Managed password encrypted with the AWS-managed key, by alias ARN",
            {"engine": "postgres", "manageMasterUserPassword": True,
             "masterUserSecretKmsKeyId": "arn:aws:kms:eu-west-1:123456789012:alias/aws/secretsmanager"},
            "fail",
            mentions=("masterUserSecretKmsKeyId", "AWS-managed"),
        ),
        Example(
            "manageMasterUserPassword computed during preview counts as set",
            {"engine": "postgres", "manageMasterUserPassword": unknown("boolean"), "masterUserSecretKmsKeyId": unknown()},
            "pass",
        ),
        Example(
            "Write-only password with a version",
            {"engine": "aurora-postgresql", **WRITE_ONLY_CLUSTER},
            "pass",
            type=RDS_CLUSTER,
        ),
        Example("No credentials configured at all", {"engine": "postgres"}, "fail"),
        Example("Snapshot restore", {"engine": "postgres", "snapshotIdentifier": "snap-1"}, "not_applicable"),
        Example(
            "Managed password on a member of an Aurora global database",
            {"engine": "aurora-postgresql", "globalClusterIdentifier": unknown(), "masterUsername": "app", **MANAGED},
            "fail",
            type=RDS_CLUSTER,
            mentions=("global database", "masterPasswordWo"),
        ),
        Example(
            "Managed password on Aurora Serverless v1",
            {"engine": "aurora-mysql", "engineMode": "serverless", **MANAGED},
            "fail",
            type=RDS_CLUSTER,
            mentions=("Serverless v1", "rds-secrets-manager-limitations"),
        ),
        Example(
            "Write-only password on Aurora Serverless v1",
            {"engine": "aurora-mysql", "engineMode": "serverless", **WRITE_ONLY_CLUSTER},
            "pass",
            type=RDS_CLUSTER,
        ),
        Example(
            "Managed password on a cross-Region read replica cluster",
            {"engine": "aurora-mysql", "masterUsername": "app", **MANAGED,
             "replicationSourceIdentifier": CROSS_REGION_SOURCE},
            "fail",
            type=RDS_CLUSTER,
            provider={"region": "eu-west-1"},
            mentions=("cross-Region",),
        ),
        Example(
            "Same-Region replica cluster takes its credentials from the source",
            {"engine": "aurora-mysql", "replicationSourceIdentifier": CROSS_REGION_SOURCE},
            "not_applicable",
            type=RDS_CLUSTER,
            provider={"region": "us-east-1"},
        ),
        Example(
            "Managed password with RDS Blue/Green updates",
            {"engine": "mysql", "blueGreenUpdate": {"enabled": True}, **MANAGED},
            "fail",
            mentions=("Blue/Green", "passwordWo"),
        ),
        Example(
            "Managed password on RDS Custom",
            {"engine": "custom-oracle-ee", **MANAGED},
            "fail",
            mentions=("RDS Custom",),
        ),
    ),
)
