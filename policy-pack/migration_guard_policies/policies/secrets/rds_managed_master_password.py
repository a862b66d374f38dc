"""rds-managed-master-password: master credentials never pass through Pulumi.

A stack policy (catalog r2: "also reads the stack"). Whether an instance is the source of a read replica
is a fact about the rest of the stack: the engine registers (and analyzes) the source before its replica,
so a resource policy, or a per-process memory of earlier Analyze calls, decides the source before the
replica exists. AnalyzeStack sees every resource at once, with the property dependencies that link a
replica's `replicateSourceDb` to its source.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...examples import StackExample, StackResource, secret, unknown
from ...model import Family, StackCheck, StackPolicySpec, StackResourceView
from ...props import Props
from ...types import RDS_CLUSTER, RDS_INSTANCE
from ..rds_common import inherited_from_source, is_aurora

RDS_GUIDE = "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html#rds-secrets-manager-limitations"
AURORA_GUIDE = (
    "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/rds-secrets-manager.html"
    "#rds-secrets-manager-limitations"
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


def is_aws_managed_key(value: str | None) -> bool:
    """``alias/aws/...`` by alias name or alias ARN; key ids, key ARNs and customer aliases are not."""
    if not value:
        return False
    text = value.strip().lower()
    if text.startswith("alias/aws/"):
        return True
    parts = text.split(":", 5)
    return len(parts) == 6 and parts[0] == "arn" and parts[2] == "kms" and parts[5].startswith("alias/aws/")


def arn_region(value: str | None) -> str | None:
    """The Region of an ARN (``arn:aws:rds:eu-west-1:...``), None for anything else."""
    parts = (value or "").split(":")
    return parts[3] if len(parts) > 4 and parts[0] == "arn" and parts[3] else None


def is_cross_region_source(source: str | None, resource: StackResourceView) -> bool:
    """The replica's source is an ARN of another Region than the replica's provider."""
    region = arn_region(source)
    provider_region = resource.provider.get("region").str()
    return region is not None and provider_region is not None and region != provider_region


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


def unsupported_because(resource: StackResourceView, props: Props, sources: set[str]) -> str | None:
    """Why RDS does not support a managed master password for this database, or None."""
    engine = (props.get("engine").str() or "").lower()
    if resource.type == RDS_CLUSTER:
        if props.get("globalClusterIdentifier").present:
            return f"a cluster in an Aurora global database (globalClusterIdentifier; {AURORA_GUIDE})"
        if (props.get("engineMode").str() or "").lower() == "serverless":
            return f"an Aurora Serverless v1 cluster (engineMode: serverless; {AURORA_GUIDE})"
        if is_cross_region_source(props.get("replicationSourceIdentifier").str(), resource):
            return f"a cross-Region read replica cluster (replicationSourceIdentifier; {AURORA_GUIDE})"
        return None
    if props.get("blueGreenUpdate.enabled").is_true():
        return f"an instance updated with RDS Blue/Green Deployments (blueGreenUpdate.enabled; {RDS_GUIDE})"
    if engine.startswith("custom-"):
        return f"RDS Custom (engine custom-*; {RDS_GUIDE})"
    if resource.urn in sources and not engine.startswith("sqlserver"):
        return f"the source of a read replica in this stack (every engine but SQL Server; {RDS_GUIDE})"
    return None


def check_resource(s: StackCheck, resource: StackResourceView, sources: set[str]) -> None:
    props = resource.props
    keys = CREDENTIALS[resource.type]
    managed = props.get("manageMasterUserPassword")
    unsupported = unsupported_because(resource, props, sources)
    if unsupported and (managed.unknown or managed.is_true()):
        s.violation(
            f"manageMasterUserPassword is true, but RDS does not support managed master passwords for {unsupported}: "
            f"the deployment would fail. Remove it and use a write-only {keys.write_only} with {keys.version} "
            "(generated, for example by random.RandomPassword, and never stored in state).",
            resource,
        )
        return
    if inherited_from_source(resource.type, props) or (resource.type == RDS_INSTANCE and is_aurora(props)):
        return  # replicas, restores and global secondaries take credentials from their source; Aurora on the cluster

    # Never read the password's value: only whether it is there. An unknown value is still a password
    # flowing through Pulumi state (for example from a random.RandomPassword).
    if props.get(keys.password).present:
        fix = (f"use a write-only {keys.write_only} with {keys.version}" if unsupported
               else "set manageMasterUserPassword: true so RDS keeps it in Secrets Manager")
        s.violation(f"{keys.password} is set: the master password passes through the Pulumi program and state. "
                    f"Remove it and {fix}.", resource)
        return
    if managed.unknown or managed.is_true():
        check_managed_secret_key(s, resource)
        return
    check_write_only(s, resource, keys, unsupported)


def check_managed_secret_key(s: StackCheck, resource: StackResourceView) -> None:
    if not s.config.get("requireCustomerManagedKey"):
        return
    key = resource.props.get("masterUserSecretKmsKeyId")
    if not key.present:
        s.violation("masterUserSecretKmsKeyId is not set: the RDS-managed master secret would be encrypted with the "
                    "AWS-managed key. Set it to a customer-managed KMS key.", resource)
    elif is_aws_managed_key(key.str()):
        s.violation("masterUserSecretKmsKeyId is an AWS-managed key (alias/aws/...): the RDS-managed master secret "
                    "must be encrypted with a customer-managed KMS key.", resource)


def check_write_only(s: StackCheck, resource: StackResourceView, keys: Credentials, unsupported: str | None) -> None:
    allow_write_only = bool(s.config.get("allowWriteOnlyPasswords")) or unsupported is not None
    if allow_write_only and resource.props.get(keys.write_only).present:
        if not resource.props.get(keys.version).present:
            s.violation(f"{keys.write_only} is used without {keys.version}: the password can never be rotated.",
                        resource)
        return
    if unsupported:
        s.violation(f"master credentials are not managed, and RDS does not support managed master passwords for "
                    f"{unsupported}: use a write-only {keys.write_only} with {keys.version}.", resource)
        return
    allowed = "manageMasterUserPassword: true"
    if s.config.get("allowWriteOnlyPasswords"):
        allowed += f" (or a write-only {keys.write_only} with {keys.version})"
    s.violation(f"master credentials are not managed: set {allowed}.", resource)


def check(s: StackCheck) -> None:
    sources = replica_sources(s)
    for resource in s.of_type(RDS_INSTANCE, RDS_CLUSTER):
        check_resource(s, resource, sources)


def _instance(name: str, props: dict, deps: dict | None = None) -> StackResource:  # type: ignore[type-arg]
    return StackResource(RDS_INSTANCE, name, props, deps=deps or {})


def _cluster(name: str, props: dict) -> StackResource:  # type: ignore[type-arg]
    return StackResource(RDS_CLUSTER, name, props)


MANAGED = {"manageMasterUserPassword": True, "masterUserSecretKmsKeyId": unknown()}
WRITE_ONLY = {"passwordWo": secret("wo-Example-Pa55phrase"), "passwordWoVersion": 1}

SPEC = StackPolicySpec(
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
        "checked. A stack policy since revision 2: deciding that an instance is a replica's source needs the "
        "whole stack (the source is registered, and analyzed, before its replica). Messages never contain a "
        "credential's value."
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
    config={
        "requireCustomerManagedKey": {
            "type": "boolean",
            "default": True,
            "description": "Require masterUserSecretKmsKeyId (a customer-managed key) for the managed secret.",
        },
        "allowWriteOnlyPasswords": {
            "type": "boolean",
            "default": True,
            "description": "Accept write-only passwords (passwordWo / masterPasswordWo), which never reach state.",
        },
    },
    check=check,
    examples=(
        StackExample(
            "Aurora cluster with an RDS-managed password encrypted with the CMK",
            (_cluster("orders-aurora-dev", {"engine": "aurora-postgresql", **MANAGED}),),
            "pass",
        ),
        StackExample(
            "Password from config, marked secret (seed 000's ChangeMe123456)",
            (_instance("orders-db-dev", {"engine": "postgres", "password": secret("ChangeMe123456"),
                                         "username": "admin"}),),
            "fail",
            mentions=("password",),
            failing=("orders-db-dev",),
        ),
        StackExample(
            "Password generated by another resource, unknown during preview",
            (_instance("orders-db-dev", {"engine": "postgres", "password": unknown()}),),
            "fail",
            mentions=("password",),
        ),
        StackExample(
            "Managed password encrypted with the AWS-managed key, by alias ARN",
            (_instance("orders-db-dev", {"engine": "postgres", "manageMasterUserPassword": True,
                                         "masterUserSecretKmsKeyId":
                                             "arn:aws:kms:eu-west-1:123456789012:alias/aws/secretsmanager"}),),
            "fail",
            mentions=("masterUserSecretKmsKeyId", "AWS-managed"),
        ),
        StackExample(
            "Managed password without a key",
            (_instance("orders-db-dev", {"engine": "postgres", "manageMasterUserPassword": True}),),
            "fail",
            mentions=("masterUserSecretKmsKeyId",),
        ),
        StackExample(
            "manageMasterUserPassword computed during preview counts as set",
            (_instance("orders-db-dev", {"engine": "postgres", "manageMasterUserPassword": unknown("boolean"),
                                         "masterUserSecretKmsKeyId": unknown()}),),
            "pass",
        ),
        StackExample(
            "Write-only password with a version",
            (_cluster("orders-aurora-dev", {"engine": "aurora-postgresql",
                                            "masterPasswordWo": secret("wo-Example-Pa55phrase"),
                                            "masterPasswordWoVersion": 1}),),
            "pass",
        ),
        StackExample(
            "No credentials configured at all",
            (_instance("orders-db-dev", {"engine": "postgres"}),),
            "fail",
        ),
        StackExample(
            "Snapshot restore takes its credentials from the snapshot",
            (_instance("orders-db-dev", {"engine": "postgres", "snapshotIdentifier": "snap-1"}),),
            "pass",
        ),
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
            (_instance("orders-db-dev", {"engine": "postgres", **WRITE_ONLY}),
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
        StackExample(
            "Managed password on a member of an Aurora global database",
            (_cluster("orders-global-primary-dev", {"engine": "aurora-postgresql", "globalClusterIdentifier": unknown(),
                                                    "masterUsername": "app", **MANAGED}),),
            "fail",
            mentions=("global database", "masterPasswordWo"),
        ),
        StackExample(
            "Managed password on Aurora Serverless v1",
            (_cluster("orders-sls-dev", {"engine": "aurora-mysql", "engineMode": "serverless", **MANAGED}),),
            "fail",
            mentions=("Serverless v1",),
        ),
        StackExample(
            "Managed password with RDS Blue/Green updates",
            (_instance("orders-db-dev", {"engine": "mysql", "blueGreenUpdate": {"enabled": True}, **MANAGED}),),
            "fail",
            mentions=("Blue/Green", "passwordWo"),
        ),
        StackExample(
            "Managed password on RDS Custom",
            (_instance("orders-db-dev", {"engine": "custom-oracle-ee", **MANAGED}),),
            "fail",
            mentions=("RDS Custom",),
        ),
        StackExample(
            "Managed password on a cross-Region read replica cluster",
            (StackResource(RDS_CLUSTER, "orders-replica-dev", {
                "engine": "aurora-mysql", "masterUsername": "app", **MANAGED,
                "replicationSourceIdentifier": "arn:aws:rds:us-east-1:123456789012:cluster:orders-dev"},
                provider={"region": "eu-west-1"}),),
            "fail",
            mentions=("cross-Region",),
        ),
        StackExample(
            "Same-Region replica cluster takes its credentials from the source",
            (StackResource(RDS_CLUSTER, "orders-replica-dev", {
                "engine": "aurora-mysql", "replicationSourceIdentifier":
                    "arn:aws:rds:eu-west-1:123456789012:cluster:orders-dev"}, provider={"region": "eu-west-1"}),),
            "pass",
        ),
        StackExample(
            "Write-only password on Aurora Serverless v1",
            (_cluster("orders-sls-dev", {"engine": "aurora-mysql", "engineMode": "serverless",
                                         "masterPasswordWo": secret("wo-Example-Pa55phrase"),
                                         "masterPasswordWoVersion": 1}),),
            "pass",
        ),
    ),
)
