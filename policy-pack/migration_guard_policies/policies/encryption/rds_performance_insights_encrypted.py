"""rds-performance-insights-encrypted: Performance Insights data is encrypted with a customer-managed key."""

from __future__ import annotations

from ...examples import Example, unknown
from ...model import Family, ResourceCheck, ResourcePolicySpec
from ...types import RDS_CLUSTER, RDS_CLUSTER_INSTANCE, RDS_INSTANCE
from ._common import require_key


def check(r: ResourceCheck) -> None:
    enabled = r.props.get("performanceInsightsEnabled")
    if not (enabled.unknown or enabled.is_true()):
        raise r.not_applicable("Performance Insights is not enabled (performanceInsightsEnabled is not true)")
    require_key(
        r,
        "performanceInsightsKmsKeyId",
        "performanceInsightsKmsKeyId is not set while Performance Insights is enabled: its data (which "
        "includes SQL text) would be encrypted with the AWS-managed aws/rds key, and the key cannot be "
        "changed once Performance Insights is on. Set performanceInsightsKmsKeyId to a customer-managed KMS key.",
    )


SPEC = ResourcePolicySpec(
    name="rds-performance-insights-encrypted",
    description="RDS Performance Insights data is encrypted with a customer-managed KMS key.",
    family=Family.ENCRYPTION,
    severity="medium",
    level="mandatory",
    resource_types=(RDS_INSTANCE, RDS_CLUSTER, RDS_CLUSTER_INSTANCE),
    rule=(
        "When `performanceInsightsEnabled` is true, `performanceInsightsKmsKeyId` is set" " and is not an AWS-managed key (`alias/aws/...`, by alias name or alias ARN). Resources without "
        "Performance Insights: not applicable."
    ),
    unknown_handling=(
        "present: an unknown performanceInsightsEnabled counts as enabled, and an unknown "
        "performanceInsightsKmsKeyId (a key created in the same program) counts as set."
    ),
    remediation=(
        "1. Create a customer-managed KMS key (aws.kms.Key, enable_key_rotation=True), or reuse the database's "
        "storage key.\n"
        "2. Set performance_insights_kms_key_id=key.arn next to performance_insights_enabled=True on the "
        "aws.rds.Instance, aws.rds.ClusterInstance or aws.rds.Cluster.\n"
        "3. The key cannot be changed after Performance Insights is enabled: set it in the same update."
    ),
    refs=("CKV_AWS_354",),
    check=check,
    examples=(
        Example(
            "Performance Insights with a key from the same program",
            {"engine": "postgres", "performanceInsightsEnabled": True, "performanceInsightsKmsKeyId": unknown()},
            "pass",
        ),
        Example(
            "Performance Insights with the AWS-managed key",
            {"engine": "aurora-postgresql", "performanceInsightsEnabled": True},
            "fail",
            type=RDS_CLUSTER_INSTANCE,
            mentions=("performanceInsightsKmsKeyId",),
        ),
        Example(
            "performanceInsightsEnabled computed during preview counts as enabled",
            {"engine": "aurora-postgresql", "performanceInsightsEnabled": unknown("boolean")},
            "fail",
            type=RDS_CLUSTER,
            mentions=("performanceInsightsKmsKeyId",),
        ),
        Example(
            "Performance Insights not enabled",
            {"engine": "postgres", "performanceInsightsEnabled": False},
            "not_applicable",
        ),
        Example("Performance Insights left at its default (off)", {"engine": "mysql"}, "not_applicable"),
    ),
)
