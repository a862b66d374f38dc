"""rds-monitoring-enabled: Performance Insights and enhanced monitoring are on."""

from __future__ import annotations

from ...context import ResourceCheck
from ...examples import Example, unknown
from ...settings import BoolSetting
from ...spec import Family, ResourcePolicySpec
from ...types import RDS_CLUSTER, RDS_CLUSTER_INSTANCE, RDS_INSTANCE
from ._rds_ops import checked_here, require_true

REQUIRE_PERFORMANCE_INSIGHTS = BoolSetting(
    "requirePerformanceInsights", default=True, description="Require performanceInsightsEnabled: true."
)
REQUIRE_ENHANCED_MONITORING = BoolSetting(
    "requireEnhancedMonitoring",
    default=True,
    description="Require enhanced monitoring (monitoringInterval greater than 0).",
)


def check(r: ResourceCheck) -> None:
    if not checked_here(r, "Performance Insights and enhanced monitoring"):
        return
    if r.setting(REQUIRE_PERFORMANCE_INSIGHTS):
        require_true(
            r,
            "performanceInsightsEnabled",
            "without Performance Insights there is no record of which queries load the database",
            "Set performanceInsightsEnabled: true (with performanceInsightsKmsKeyId).",
        )
    if r.setting(REQUIRE_ENHANCED_MONITORING):
        interval = r.props.get("monitoringInterval")
        if r.check_unknown(interval, "enhanced monitoring shows OS-level metrics (CPU steal, memory, IO)"):
            return
        seconds = interval.int()
        if seconds is None or seconds <= 0:
            r.violation(
                "monitoringInterval is not greater than 0: enhanced monitoring is off, so OS-level metrics are "
                "missing. Set monitoringInterval to 1, 5, 10, 15, 30 or 60 seconds and monitoringRoleArn to a role "
                "with AmazonRDSEnhancedMonitoringRole."
            )


SPEC = ResourcePolicySpec(
    name="rds-monitoring-enabled",
    description=(
        "RDS instances, Aurora cluster instances and Multi-AZ DB clusters have Performance Insights and enhanced "
        "monitoring enabled."
    ),
    family=Family.OPERATIONS,
    severity="low",
    level="advisory",
    resource_types=(RDS_INSTANCE, RDS_CLUSTER_INSTANCE, RDS_CLUSTER),
    rule=(
        "Performance Insights is enabled (`performanceInsightsEnabled` is true, when requirePerformanceInsights) "
        "and enhanced monitoring is on (`monitoringInterval` > 0, when requireEnhancedMonitoring), on RDS "
        "instances, Aurora cluster instances and Multi-AZ DB clusters (rds Cluster with `dbClusterInstanceClass`, "
        "non-Aurora, which set both on the Cluster: "
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/multi-az-db-clusters-concepts.html). An Aurora rds "
        "Cluster is not applicable: its ClusterInstances are checked."
    ),
    unknown_handling="unverifiable",
    remediation=(
        "1. Create a role that monitoring.rds.amazonaws.com can assume, with the managed policy "
        "service-role/AmazonRDSEnhancedMonitoringRole.\n"
        "2. Set monitoring_interval=60 (or 1-30) and monitoring_role_arn=role.arn.\n"
        "3. Set performance_insights_enabled=True and performance_insights_kms_key_id=key.arn."
    ),
    refs=("CKV_AWS_118", "CKV_AWS_353", "seed 001"),
    echoes=frozenset({"monitoringInterval"}),
    settings=(REQUIRE_PERFORMANCE_INSIGHTS, REQUIRE_ENHANCED_MONITORING),
    check=check,
    examples=(
        Example(
            "Multi-AZ DB cluster with both",
            {"engine": "postgres", "dbClusterInstanceClass": "db.r6gd.large", "performanceInsightsEnabled": True,
             "performanceInsightsKmsKeyId": unknown(), "monitoringInterval": 30, "monitoringRoleArn": unknown()},
            "pass",
            type=RDS_CLUSTER,
        ),
        Example(
            "Multi-AZ DB cluster without monitoring",
            {"engine": "mysql", "dbClusterInstanceClass": "db.r6gd.large"},
            "fail",
            type=RDS_CLUSTER,
            mentions=("performanceInsightsEnabled", "monitoringInterval"),
        ),
        Example(
            "Aurora cluster: checked on its ClusterInstances",
            {"engine": "aurora-mysql"},
            "not_applicable",
            type=RDS_CLUSTER,
        ),
        Example(
            "Aurora cluster instance with both",
            {
                "engine": "aurora-postgresql",
                "clusterIdentifier": unknown(),
                "performanceInsightsEnabled": True,
                "performanceInsightsKmsKeyId": unknown(),
                "monitoringInterval": 60,
                "monitoringRoleArn": unknown(),
            },
            "pass",
            type=RDS_CLUSTER_INSTANCE,
        ),
        Example(
            "Neither enabled (seed 001)",
            {"engine": "postgres"},
            "fail",
            mentions=("performanceInsightsEnabled", "monitoringInterval"),
        ),
        Example(
            "Enhanced monitoring with interval 0",
            {"engine": "postgres", "performanceInsightsEnabled": True, "monitoringInterval": 0},
            "fail",
            mentions=("monitoringInterval",),
        ),
        Example(
            "Enhanced monitoring not required",
            {"engine": "postgres", "performanceInsightsEnabled": True},
            "pass",
            config={"requireEnhancedMonitoring": False},
        ),
        Example(
            "Interval computed from another output",
            {"engine": "postgres", "performanceInsightsEnabled": True, "monitoringInterval": unknown("number")},
            "unverifiable",
        ),
    ),
)
