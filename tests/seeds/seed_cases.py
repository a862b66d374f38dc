"""Every finding of the five seed reviews (../shared/seeds/000..004), with what must catch it.

A finding is one of:

- :class:`PolicyCase`: a team program (``programs/faulty/cases/<faulty>``) that the pack must report,
  naming the policy, its level and the resource it reports on, and its corrected twin
  (``programs/fixed/cases/<fixed>``), on whose resources those policies report nothing;
- :class:`ErrorCase`: a program that no policy can judge because it never runs to the end: the offline
  preview stops with a clear error at the program's own line (``programs/errors/<program>``); its twin
  previews;
- :class:`ValidCase`: what a review calls a weakness but AWS accepts and no rule can decide (a design
  choice): the policies that read it must pass both versions, so they never block correct code;
- :class:`NotPreviewTime`: documentation, tests, lint: listed with where the project answers them.

Findings marked "review fix" are mistakes in a review's own IDEAL_RESPONSE fix.
``docs/seed-findings.md`` is the readable table of the same list (a test keeps both in step).
"""

from __future__ import annotations

from dataclasses import dataclass

STACK = "<stack>"
"""``Expected.name`` of a stack-level report (no single resource is at fault)."""


@dataclass(frozen=True)
class Expected:
    """One report the pack must make on the faulty program."""

    policy: str
    level: str  # "mandatory" or "advisory" (the catalog's default level)
    type: str  # the type token of the resource reported on ("pulumi:pulumi:Stack" for STACK)
    name: str  # its logical name, or STACK
    mentions: tuple[str, ...] = ()  # words the message must contain (never a property value)
    absent: tuple[str, ...] = ()  # words it must not contain (a claim that would be false here)


@dataclass(frozen=True)
class PolicyCase:
    finding: str
    title: str
    faulty: str
    fixed: str
    expected: tuple[Expected, ...]
    fixed_types: tuple[str, ...] = ()  # what the twin declares instead, when not the faulty types

    @property
    def policies(self) -> frozenset[str]:
        return frozenset(e.policy for e in self.expected)

    @property
    def twin_types(self) -> frozenset[str]:
        return frozenset(self.fixed_types or [e.type for e in self.expected if e.name != STACK])


@dataclass(frozen=True)
class ErrorCase:
    finding: str
    title: str
    program: str
    location: str  # "<file>:<line>" relative to the program's project folder
    mentions: tuple[str, ...]
    fixed: str


@dataclass(frozen=True)
class ValidCase:
    finding: str
    title: str
    faulty: str
    fixed: str
    policies: tuple[str, ...]
    why: str


@dataclass(frozen=True)
class NotPreviewTime:
    finding: str
    title: str
    answered_by: str


RDS_INSTANCE = "aws:rds/instance:Instance"
DMS_ENDPOINT = "aws:dms/endpoint:Endpoint"
DMS_TASK = "aws:dms/replicationTask:ReplicationTask"
STACK_TYPE = "pulumi:pulumi:Stack"

POLICY_CASES: tuple[PolicyCase, ...] = (
    PolicyCase(
        "000-1b", "review fix: a default password (`ChangeMe123456`) when the secret is not configured",
        "s000_default_password.py", "s000_onprem_credentials.py",
        (
            Expected("no-weak-default-credentials", "mandatory", DMS_ENDPOINT, "payments-onprem-source-dev"),
            Expected("dms-endpoint-secrets-manager", "mandatory", DMS_ENDPOINT, "payments-onprem-source-dev",
                     ("secretsManagerArn",)),
        ),
    ),
    PolicyCase(
        "002-1", "PostgreSQL 14.7, a version RDS no longer offers",
        "s002_engine_version.py", "s002_engine_version.py",
        (Expected("rds-engine-version-supported", "mandatory", RDS_INSTANCE, "payment-db-dev", ("14.7",)),),
    ),
    PolicyCase(
        "002-1b", "review fix: 14.13, offered when the review was written, deprecated since",
        "s002_engine_version_review_fix.py", "s002_engine_version.py",
        (Expected("rds-engine-version-supported", "mandatory", RDS_INSTANCE, "payment-staging-db-dev",
                  ("14.13",)),),
    ),
    PolicyCase(
        "002-2", "S3 resources deprecated in pulumi-aws 7 (BucketV2, BucketVersioningV2, ...V2)",
        "s002_bucket_v2.py", "s002_bucket.py",
        (
            Expected("deprecated-resource-types", "advisory", "aws:s3/bucketV2:BucketV2",
                     "payment-audit-logs-dev", ("aws:s3/bucket:Bucket",)),
            Expected("deprecated-resource-types", "advisory", "aws:s3/bucketVersioningV2:BucketVersioningV2",
                     "payment-audit-logs-versioning-dev", ("aws:s3/bucketVersioning:BucketVersioning",)),
            Expected("deprecated-resource-types", "advisory",
                     "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
                     "payment-audit-logs-encryption-dev",
                     ("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",)),
        ),
        ("aws:s3/bucket:Bucket", "aws:s3/bucketVersioning:BucketVersioning",
         "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration"),
    ),
    PolicyCase(
        "003-1b", "review fix: the created secret has `recovery_window_in_days=0` (deleted unrecoverably)",
        "s003_recovery_window.py", "s003_created_secret.py",
        (Expected("secretsmanager-secret-recovery-window", "advisory", "aws:secretsmanager/secret:Secret",
                  "education-platform-db-secret-dev", ("recoveryWindowInDays",)),),
    ),
    PolicyCase(
        "004-2", "names without the environment suffix (route table association, DMS endpoint)",
        "s004_names_without_suffix.py", "s004_names_with_suffix.py",
        (
            Expected("resource-name-environment-suffix", "mandatory",
                     "aws:ec2/routeTableAssociation:RouteTableAssociation", "public-rta-1",
                     ("public-rta-1", "not visible"), ("would collide",)),
            Expected("resource-name-environment-suffix", "mandatory", DMS_ENDPOINT, "source-endpoint",
                     ("endpointId", "collide")),
        ),
    ),
    PolicyCase(
        "004-3", "DMS source endpoint with `password=\"password\"` in code",
        "s004_hardcoded_dms_password.py", "s004_dms_secrets_manager.py",
        (
            Expected("no-weak-default-credentials", "mandatory", DMS_ENDPOINT, "inventory-source-endpoint-dev"),
            Expected("dms-endpoint-secrets-manager", "mandatory", DMS_ENDPOINT, "inventory-source-endpoint-dev",
                     ("secretsManagerArn",)),
        ),
    ),
    PolicyCase(
        "004-4", "one NAT gateway for the private subnets of two AZs",
        "s004_single_nat.py", "s004_nat_per_az.py",
        (Expected("nat-gateway-per-az", "mandatory", "aws:ec2/subnet:Subnet", "ledger-private-2-dev",
                  ("us-east-1b", "ledger-nat-dev")),),
    ),
    PolicyCase(
        "004-5", "a health check but no weighted Route 53 records (with requiredTypes listing them)",
        "s004_no_weighted_records.py", "s004_weighted_records.py",
        (Expected("required-resource-types", "mandatory", STACK_TYPE, STACK, ("aws:route53/record:Record",)),),
        ("aws:route53/record:Record",),
    ),
    PolicyCase(
        "004-6", "alarms without actions, and no alarm on the DMS task",
        "s004_alarms_without_actions.py", "s004_alarms_with_actions.py",
        (
            Expected("cloudwatch-alarm-has-actions", "mandatory", "aws:cloudwatch/metricAlarm:MetricAlarm",
                     "billing-dms-cpu-dev", ("alarmActions",)),
            Expected("database-monitoring-coverage", "advisory", DMS_TASK, "billing-task-dev"),
        ),
    ),
    PolicyCase(
        "004-6b", "review fix: the new alarm topic is not encrypted",
        "s004_unencrypted_alarm_topic.py", "s004_alarms_with_actions.py",
        (Expected("sns-topic-encrypted", "mandatory", "aws:sns/topic:Topic", "migration-alarms-dev",
                  ("kmsMasterKeyId",)),),
    ),
    PolicyCase(
        "004-7", "a generic Tomcat image instead of the application's (with requireDigest)",
        "s004_generic_image.py", "s004_pinned_image.py",
        (Expected("container-image-pinned", "advisory", "aws:ecs/taskDefinition:TaskDefinition",
                  "java-api-task-dev", ("digest",)),),
    ),
    PolicyCase(
        "004-8", "the RDS master password from Pulumi config",
        "s004_db_password_config.py", "s004_managed_password.py",
        (Expected("rds-managed-master-password", "mandatory", RDS_INSTANCE, "java-api-db-dev",
                  ("manageMasterUserPassword",)),),
    ),
    PolicyCase(
        "004-8b", "review fix: `password=db_secret.arn` together with `manage_master_user_password=True`",
        "s004_password_and_managed_password.py", "s004_managed_password.py",
        (Expected("rds-managed-master-password", "mandatory", RDS_INSTANCE, "java-api-staging-db-dev"),),
    ),
    PolicyCase(
        "004-9", "no VPC flow logs",
        "s004_no_flow_logs.py", "s004_flow_logs.py",
        (Expected("vpc-flow-logs-enabled", "mandatory", "aws:ec2/vpc:Vpc", "migration-vpc-dev",
                  ("flow log",)),),
    ),
    PolicyCase(
        "004-11", "the DMS task carries no tags",
        "s004_missing_tags.py", "s004_tags.py",
        (Expected("required-tags", "advisory", DMS_TASK, "orders-task-dev", ("Environment", "ManagedBy")),),
    ),
)

ERROR_CASES: tuple[ErrorCase, ...] = (
    ErrorCase(
        "000-1", "`config.require_secret(\"onprem_db_password\")` with no value configured",
        "s000_require_secret", "__main__.py:8",
        ("ConfigMissingError", "onprem_db_password", "pulumi config set --secret"),
        "s000_onprem_credentials.py",
    ),
    ErrorCase(
        "001-1", "the entry point passes only environment_suffix to TapStackArgs",
        "s001_entry_point", "tap.py:14",
        ("TypeError", "TapStackArgs", "missing 7 required positional arguments", "vpc_id", "aurora_password"),
        "s001_entry_point",
    ),
    ErrorCase(
        "003-1", "a data source fetching a secret the stack never creates",
        "s003_fetch_secret", "__main__.py:12",
        ("aws:secretsmanager/getSecretVersion:getSecretVersion", "cannot be answered"),
        "s003_created_secret.py",
    ),
    ErrorCase(
        "003-2", "CodePipeline `artifact_store`, a keyword argument pulumi-aws does not have",
        "s003_artifact_store", "__main__.py:12",
        ("TypeError", "unexpected keyword argument 'artifact_store'"),
        "s003_pipeline.py",
    ),
    ErrorCase(
        "003-4", "password generation without `import random` / `import string`",
        "s003_missing_imports", "__main__.py:13",
        ("NameError", "'string' is not defined"),
        "s003_created_secret.py",
    ),
    ErrorCase(
        "004-1", "review fix: `aws.mgn.ReplicationConfigurationTemplate`, a class pulumi-aws does not have",
        "s004_mgn_template", "__main__.py:11",
        ("AttributeError", "'pulumi_aws' has no attribute 'mgn'"),
        "s004_mgn_template.py",
    ),
    ErrorCase(
        "004-5b", "review fix: Route 53 `weighted_routing_policy` (pulumi-aws: `weighted_routing_policies`)",
        "s004_weighted_routing_policy", "__main__.py:11",
        ("TypeError", "unexpected keyword argument 'weighted_routing_policy'"),
        "s004_weighted_records.py",
    ),
)

VALID_CASES: tuple[ValidCase, ...] = (
    ValidCase(
        "002-2v", "*r2*: BucketV2 on pulumi-aws 6 (the provider the program pins), where it is not deprecated",
        "s002_bucket_v2_on_v6.py", "s002_bucket.py",
        ("deprecated-resource-types",),
        "deprecation depends on the provider major a resource uses: BucketV2 is deprecated in pulumi-aws 7, "
        "not in 5 or 6; the v7 twin uses Bucket.",
    ),
    ValidCase(
        "004-10", "DMS table mappings select every table of `public` (review: too broad)",
        "s004_broad_table_mappings.py", "s004_table_mappings.py",
        ("dms-task-valid-mappings",),
        "a `%` selection is valid DMS; which tables to migrate is the team's decision. The mappings "
        "policy accepts both it and the review's filter-plus-rename version.",
    ),
)

NOT_PREVIEW_TIME: tuple[NotPreviewTime, ...] = (
    NotPreviewTime("000-2", "secondary suggestions: make db name, DMS instance class and alarm thresholds "
                   "configurable (the review says: not failures)",
                   "reference stack settings `databaseName`, `dmsInstanceClass`, `alarm*` (docs/reference-stack.md)"),
    NotPreviewTime("001-2", "live integration tests only stubbed (commented out)",
                   "tests/reference_stack/test_refstack_integration.py (moto by default, AWS with --live); "
                   "the project's rule: no skipped or commented-out tests"),
    NotPreviewTime("001-3", "no example stack configuration (Pulumi.<stack>.yaml)",
                   "Pulumi.dev.yaml at the repository root and docs/reference-stack.md (keys, secrets)"),
    NotPreviewTime("001-4", "pylint findings (9.63/10: positional arguments, line length, import order)",
                   "`ruff check .` and `mypy` in .ci/run"),
    NotPreviewTime("001-5", "no deployment guide",
                   "docs/reference-stack.md (deploy, configure, run the live tests) and README"),
    NotPreviewTime("002-3", "unit tests are stubs", "tests/reference_stack/ unit tests; policies' examples run as tests"),
    NotPreviewTime("002-4", "integration tests are stubs", "tests/reference_stack/test_refstack_integration.py"),
    NotPreviewTime("002-5", "no test documentation", "docs/reference-stack.md, section on the live tests"),
    NotPreviewTime("002-6", "Lambda handler error handling",
                   "application code: outside what a policy pack or the reference stack can judge"),
    NotPreviewTime("003-3", "import order and line length", "`ruff check .` in .ci/run"),
    NotPreviewTime("003-5", "lines over 79 characters (E501)", "`ruff check .` in .ci/run"),
    NotPreviewTime("004-1a", "MGN omitted altogether (no MGN resource exists in pulumi-aws to require)",
                   "requirement review; the twin shows the Cloud Control form (tests/seeds, case 004-1)"),
    NotPreviewTime("004-12", "missing stack outputs",
                   "the reference stack exports every id and ARN (reference-stack/migration_stack/stack.py)"),
    NotPreviewTime("004-13", "ECS CPU and memory hard-coded", "configuration design; the twin of 004-7 reads them "
                   "from config"),
)
