"""Seed 004, finding 5: a health check for the cutover, but no weighted records to shift traffic."""

import pulumi
import pulumi_aws as aws

env_suffix = pulumi.Config().get("environmentSuffix") or "dev"

health_check = aws.route53.HealthCheck(
    f"api-health-check-{env_suffix}",
    fqdn="api.onprem.example.com",
    port=443,
    type="HTTPS",
    resource_path="/health",
    failure_threshold=3,
    request_interval=30,
    tags={"Environment": env_suffix, "ManagedBy": "Pulumi"},
)
