"""Cutover component: Route 53 weighted records between on-premises and AWS, with a health check."""

from __future__ import annotations

import pytest
from migration_stack.cutover import Cutover

from . import stack_checks as checks
from .stack_harness import cached_variant_run, naming_for, settings_for


def test_cutover_is_off_by_default() -> None:
    result = cached_variant_run("aurora", True)
    assert result.of_type("aws:route53/record:Record") == []
    assert result.of_type("aws:route53/healthCheck:HealthCheck") == []


def test_weighted_records_and_health_check() -> None:
    result = cached_variant_run("cutover", True)
    check = result.one("aws:route53/healthCheck:HealthCheck")
    assert check.inputs["type"] == "TCP"
    assert check.inputs["fqdn"] == "pg-primary.onprem.example.com"
    assert check.inputs["port"] == 5432
    records = {r.inputs["setIdentifier"]: r for r in result.of_type("aws:route53/record:Record")}
    on_prem, aws_record = records["migration-onprem-dev"], records["migration-aws-dev"]
    for record in (on_prem, aws_record):
        assert record.inputs["name"] == "db-dev.migration.example.com"
        assert record.inputs["type"] == "CNAME"
        assert record.inputs["zoneId"] == "Z0123456789ABCDEFGHIJ"
        assert record.inputs["ttl"] == 60
    assert on_prem.inputs["weightedRoutingPolicies"] == [{"weight": 90}]
    assert aws_record.inputs["weightedRoutingPolicies"] == [{"weight": 10}]
    assert on_prem.inputs["records"] == ["pg-primary.onprem.example.com"]
    assert checks.deps(on_prem, "healthCheckId") == [check.urn]
    assert checks.deps(aws_record, "records") == [result.one("aws:rds/cluster:Cluster").urn]


def test_aws_record_points_at_the_database_endpoint() -> None:
    result = cached_variant_run("cutover", False)
    records = {r.inputs["setIdentifier"]: r for r in result.of_type("aws:route53/record:Record")}
    assert records["migration-aws-dev"].inputs["records"] == [
        "migration-aurora-dev.cluster-abc.us-east-1.rds.amazonaws.com"]


def test_component_requires_cutover_settings() -> None:
    settings = settings_for("aurora")
    with pytest.raises(ValueError, match="cutoverEnabled"):
        Cutover("cutover-dev", settings, naming_for(settings), database=None)  # type: ignore[arg-type]
