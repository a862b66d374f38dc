"""Seed 004, finding 5 as the review fixed it: `weighted_routing_policy` (pulumi-aws: `weighted_routing_policies`)."""

import pulumi
import pulumi_aws as aws

config = pulumi.Config()
env_suffix = config.get("environmentSuffix") or "dev"
hosted_zone_id = config.get("hostedZoneId") or "Z0123456789ABCDEFGHIJ"

# Weighted record for on-premises
onprem_record = aws.route53.Record(
    f"api-onprem-{env_suffix}",
    zone_id=hosted_zone_id,
    name=f"api-{env_suffix}",
    type="A",
    set_identifier=f"OnPrem-{env_suffix}",
    weighted_routing_policy=aws.route53.RecordWeightedRoutingPolicyArgs(
        weight=90  # Start with 90% traffic to on-premises
    ),
    ttl=60,
    records=["203.0.113.10"],
)
