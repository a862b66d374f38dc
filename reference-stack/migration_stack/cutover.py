"""Optional cutover: Route 53 weighted CNAMEs sharing one name between on-premises and AWS."""

from __future__ import annotations

import pulumi
import pulumi_aws as aws

from .database import Database
from .naming import Naming, component_type
from .settings import CutoverSettings, Settings


class Cutover(pulumi.ComponentResource):
    """``<prefix>-<suffix>.<domain>`` resolves to the on-premises server or to the AWS database endpoint in
    proportion to the configured weights. A TCP health check guards the on-premises record: when the
    on-premises server stops answering, Route 53 sends every client to AWS."""

    health_check: aws.route53.HealthCheck
    on_prem_record: aws.route53.Record
    aws_record: aws.route53.Record
    record_name: str

    def __init__(self, name: str, settings: Settings, naming: Naming, database: Database,
                 opts: pulumi.ResourceOptions | None = None) -> None:
        cutover: CutoverSettings | None = settings.cutover
        if cutover is None:
            raise ValueError("Cutover requires cutover settings (cutoverEnabled: true)")
        super().__init__(component_type("Cutover"), name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        self.record_name = f"{cutover.record_prefix}-{settings.environment_suffix}.{cutover.domain}"

        check_name = naming.name("onprem-health")
        self.health_check = aws.route53.HealthCheck(
            check_name,
            type="TCP",
            fqdn=cutover.on_prem_target,
            port=cutover.on_prem_port,
            failure_threshold=3,
            request_interval=30,
            reference_name=f"onprem-{settings.environment_suffix}",
            tags=naming.tags(check_name),
            opts=child,
        )
        self.on_prem_record = aws.route53.Record(
            naming.name("cutover-onprem"),
            zone_id=cutover.hosted_zone_id,
            name=self.record_name,
            type="CNAME",
            ttl=cutover.ttl,
            records=[cutover.on_prem_target],
            set_identifier=naming.name("onprem"),
            weighted_routing_policies=[aws.route53.RecordWeightedRoutingPolicyArgs(weight=cutover.on_prem_weight)],
            health_check_id=self.health_check.id,
            opts=child,
        )
        self.aws_record = aws.route53.Record(
            naming.name("cutover-aws"),
            zone_id=cutover.hosted_zone_id,
            name=self.record_name,
            type="CNAME",
            ttl=cutover.ttl,
            records=[database.endpoint],
            set_identifier=naming.name("aws"),
            weighted_routing_policies=[aws.route53.RecordWeightedRoutingPolicyArgs(weight=cutover.aws_weight)],
            opts=child,
        )
        self.register_outputs({
            "recordName": self.record_name,
            "healthCheckId": self.health_check.id,
        })
