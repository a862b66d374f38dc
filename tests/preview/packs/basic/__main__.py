"""Test pack: a few resource and stack policies with known behaviour."""

from pulumi_policy import (
    EnforcementLevel,
    PolicyConfigSchema,
    PolicyPack,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    Severity,
    StackValidationArgs,
    StackValidationPolicy,
)

RDS = "aws:rds/instance:Instance"
BUCKET = "aws:s3/bucket:Bucket"
SSE = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration"


def rds_encrypted(args: ResourceValidationArgs, report: ReportViolation) -> None:
    if args.resource_type != RDS:
        return
    # Touching an unknown value raises UnknownValueError: the SDK reports "can't run policy".
    if args.props["storageEncrypted"] is not True:
        report("storageEncrypted is not true.")


def bucket_tags(args: ResourceValidationArgs, report: ReportViolation) -> None:
    if args.resource_type != BUCKET:
        return
    tags = dict(args.props["tags"]) if "tags" in list(args.props.keys()) else {}
    default_tags = "{}"
    if args.provider is not None and "defaultTags" in list(args.provider.props.keys()):
        default_tags = args.provider.props["defaultTags"]
    for key in (args.get_config() or {}).get("requiredTags", ["Environment"]):
        if key not in tags and f'"{key}"' not in default_tags:
            report(f"tag {key} is missing.")


def retention(args: ResourceValidationArgs, report: ReportViolation) -> None:
    if args.resource_type != RDS:
        return
    minimum = (args.get_config() or {}).get("minDays", 7)
    keys = list(args.props.keys())
    if "backupRetentionPeriod" not in keys or args.props["backupRetentionPeriod"] < minimum:
        report(f"backupRetentionPeriod must be at least {minimum}.")


def echo_password(args: ResourceValidationArgs, report: ReportViolation) -> None:
    # Deliberately bad policy: puts a credential in its message. Reports must redact it.
    if args.resource_type == RDS and "password" in list(args.props.keys()):
        report(f"the password is {args.props['password']}")


def crash_on_queues(args: ResourceValidationArgs, report: ReportViolation) -> None:
    # A policy with a bug: the preview must stop with a clear error, as the CLI does.
    if args.resource_type == "aws:sqs/queue:Queue":
        raise RuntimeError("policy bug while checking a queue")


def add_managed_by(args: ResourceValidationArgs):
    if args.resource_type != BUCKET:
        return None
    props = dict(args.props)
    tags = dict(props.get("tags") or {})
    tags["ManagedBy"] = "migration-guard"
    props["tags"] = tags
    return props


def buckets_encrypted(args: StackValidationArgs, report: ReportViolation) -> None:
    covered = set()
    for resource in args.resources:
        if resource.resource_type == SSE:
            for dep in resource.property_dependencies.get("bucket", []):
                covered.add(dep.urn)
    for resource in args.resources:
        if resource.resource_type == BUCKET and resource.urn not in covered:
            report("bucket has no server-side encryption configuration.", resource.urn)


PolicyPack(
    name="preview-test-pack",
    enforcement_level=EnforcementLevel.ADVISORY,
    policies=[
        ResourceValidationPolicy(
            name="rds-encrypted-test",
            description="RDS instances are encrypted.",
            enforcement_level=EnforcementLevel.MANDATORY,
            severity=Severity.HIGH,
            remediation_steps="Set storage_encrypted=True.",
            url="https://example.com/policies/rds-encrypted-test",
            tags=["encryption"],
            validate=rds_encrypted,
        ),
        ResourceValidationPolicy(
            name="bucket-tags-test",
            description="Buckets carry the required tags.",
            severity=Severity.LOW,
            config_schema=PolicyConfigSchema(
                properties={"requiredTags": {"type": "array", "items": {"type": "string"},
                                             "default": ["Environment"]}},
            ),
            validate=bucket_tags,
        ),
        ResourceValidationPolicy(
            name="rds-retention-test",
            description="RDS backups are kept long enough.",
            enforcement_level=EnforcementLevel.ADVISORY,
            severity=Severity.MEDIUM,
            config_schema=PolicyConfigSchema(
                properties={"minDays": {"type": "integer", "minimum": 1, "maximum": 35, "default": 7}},
            ),
            validate=retention,
        ),
        ResourceValidationPolicy(
            name="echo-password-test",
            description="Echoes a credential (reports must redact it).",
            severity=Severity.CRITICAL,
            validate=echo_password,
        ),
        ResourceValidationPolicy(
            name="crash-on-queues-test",
            description="Fails on queues.",
            severity=Severity.LOW,
            validate=crash_on_queues,
        ),
        ResourceValidationPolicy(
            name="managed-by-tag-test",
            description="Buckets get a ManagedBy tag.",
            enforcement_level=EnforcementLevel.DISABLED,
            remediate=add_managed_by,
        ),
        StackValidationPolicy(
            name="bucket-encryption-stack-test",
            description="Every bucket has an SSE configuration that depends on it.",
            enforcement_level=EnforcementLevel.MANDATORY,
            severity=Severity.MEDIUM,
            validate=buckets_encrypted,
        ),
    ],
)
