"""Stack policies tell the preview which resources an exemption covered (issue 14: exempted findings visible).

The pack answers each exempted resource with a PolicyNotApplicable entry "exempted <URN>[ until DATE]:
<reason>", the convention migration_guard/preview/report/exemptions.py reads. The engine keeps every
not-applicable entry of AnalyzeStack (pulumi pkg/resource/plugin/analyzer_plugin.go, analyzer.AnalyzeStack ->
convertNotApplicable).
"""

from __future__ import annotations

from migration_guard.preview.report.exemptions import parse_exempted
from migration_guard.testing.inprocess import analyze_stack, urn_for
from migration_guard_policies.examples import StackResource
from migration_guard_policies.policies.operations.vpc_flow_logs_enabled import SPEC as FLOW_LOGS

VPC = "aws:ec2/vpc:Vpc"
RESOURCES = (StackResource(VPC, "legacy-vpc-dev", {"cidrBlock": "10.0.0.0/16"}),
             StackResource(VPC, "app-vpc-dev", {"cidrBlock": "10.1.0.0/16"}))


def test_an_exempted_resource_is_reported_as_exempted_with_reason_and_expiry() -> None:
    config = {"exemptions": [{"resource": "legacy-*", "reason": "decommissioned in Q1", "expires": "2999-03-31"}]}
    result = analyze_stack(FLOW_LOGS, RESOURCES, config=config)
    assert [v.urn for v in result.violations] == [urn_for(VPC, "app-vpc-dev")]
    notes = [parse_exempted(reason) for policy, reason in result.not_applicable if policy == FLOW_LOGS.name]
    assert len(notes) == 1 and notes[0] is not None
    note, urn = notes[0]
    assert urn == urn_for(VPC, "legacy-vpc-dev")
    assert (note.reason, note.expires) == ("decommissioned in Q1", "2999-03-31")


def test_an_expired_exemption_reports_the_violation_as_expired() -> None:
    config = {"exemptions": [{"resource": "legacy-*", "reason": "old", "expires": "2020-01-01"}]}
    result = analyze_stack(FLOW_LOGS, RESOURCES, config=config)
    assert len(result.violations) == 2
    assert not result.not_applicable
    legacy = [v for v in result.violations if v.urn == urn_for(VPC, "legacy-vpc-dev")]
    assert "expired on 2020-01-01 and no longer applies: old)" in legacy[0].message
