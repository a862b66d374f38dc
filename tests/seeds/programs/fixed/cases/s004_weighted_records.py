"""Seed 004, finding 5 fixed: weighted records shift traffic from on-premises to AWS gradually."""

import pulumi
import pulumi_aws as aws

config = pulumi.Config()
env_suffix = config.get("environmentSuffix") or "dev"
hosted_zone_id = config.require("hostedZoneId")

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

aws.route53.Record(
    f"api-aws-{env_suffix}",
    zone_id=hosted_zone_id,
    name=f"api-{env_suffix}.migration.example.com",
    type="CNAME",
    ttl=60,
    records=["api-alb-dev-123456.us-east-1.elb.amazonaws.com"],
    set_identifier=f"AWS-{env_suffix}",
    weighted_routing_policies=[aws.route53.RecordWeightedRoutingPolicyArgs(weight=10)],
)
aws.route53.Record(
    f"api-onprem-{env_suffix}",
    zone_id=hosted_zone_id,
    name=f"api-{env_suffix}.migration.example.com",
    type="CNAME",
    ttl=60,
    records=["api.onprem.example.com"],
    set_identifier=f"OnPrem-{env_suffix}",
    health_check_id=health_check.id,
    weighted_routing_policies=[aws.route53.RecordWeightedRoutingPolicyArgs(weight=90)],
)
