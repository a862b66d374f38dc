"""How the preview files a pack's diagnostics, as the engine does, for any pack (not only one built on
pulumi-policy). The pack here is a stand-in process answering with hand-made AnalyzeResponse messages,
so the diagnostics can carry what the SDK would never send: a foreign URN, a ``remediate`` level.

Engine source (pulumi/pulumi HEAD 1b59498):
- pkg/resource/deploy/analyze_snapshot.go ``analyzeResource`` (called by step_generator.go ``analyzeAll``):
  a REMEDIATE diagnostic is "downgraded" to MANDATORY, and the violation is filed with
  ``events.OnPolicyViolation(r.URN, d)``, the analyzed resource's URN, not ``d.URN``.
- pkg/resource/deploy/step_generator.go ``AnalyzeResources`` (and analyze_snapshot.go ``AnalyzeSnapshot``):
  REMEDIATE -> MANDATORY ("Stack policies cannot be remediated"), and the URN goes through
  ``resolveStackPolicyViolationURN``: kept if the resource is in the stack, else the root stack's URN
  (``resource.DefaultRootStackURN(stack, project)``, sdk/go/common/resource/stack.go).
- pkg/resource/plugin/analyzer_plugin.go ``convertDiagnostics``/``convertEnforcementLevel`` keep the
  level and the URN as sent: the change is made by the callers above.
"""

from __future__ import annotations

from typing import Any

from pulumi.runtime.proto import analyzer_pb2

from migration_guard.preview.model import PackInfo, Resource
from migration_guard.preview.packs import Analysis, RunningPack

PROJECT, STACK = "proj", "dev"
STACK_URN = f"urn:pulumi:{STACK}::{PROJECT}::pulumi:pulumi:Stack::{PROJECT}-{STACK}"
BUCKET_URN = f"urn:pulumi:{STACK}::{PROJECT}::aws:s3/bucketV2:BucketV2::logs"
FOREIGN_URN = "urn:pulumi:other::elsewhere::aws:s3/bucketV2:BucketV2::not-here"


def _diagnostic(policy: str, level: int, urn: str) -> analyzer_pb2.AnalyzeDiagnostic:
    return analyzer_pb2.AnalyzeDiagnostic(
        policyName=policy, policyPackName="hand-made", policyPackVersion="1.0.0", description="d",
        message=f"{policy} says no", enforcementLevel=level, urn=urn,  # type: ignore[arg-type]
    )


class HandMadePack:
    """The calls Analysis makes on a pack process, answered with fixed diagnostics."""

    def __init__(self, analyze: list[analyzer_pb2.AnalyzeDiagnostic],
                 stack: list[analyzer_pb2.AnalyzeDiagnostic]) -> None:
        self.analyze, self.stack = analyze, stack

    def analyze_request(self, *args: Any, **kwargs: Any) -> analyzer_pb2.AnalyzeRequest:
        return analyzer_pb2.AnalyzeRequest()

    def send_remediate(self, request: Any) -> analyzer_pb2.RemediateResponse:
        return analyzer_pb2.RemediateResponse()

    def send_analyze(self, request: Any) -> analyzer_pb2.AnalyzeResponse:
        return analyzer_pb2.AnalyzeResponse(diagnostics=self.analyze)

    def send_analyze_stack(self, request: Any) -> analyzer_pb2.AnalyzeResponse:
        return analyzer_pb2.AnalyzeResponse(diagnostics=self.stack)


def _resources(with_stack: bool) -> list[Resource]:
    bucket = Resource(urn=BUCKET_URN, type="aws:s3/bucketV2:BucketV2", name="logs", custom=True,
                      inputs={}, outputs={})
    stack = Resource(urn=STACK_URN, type="pulumi:pulumi:Stack", name=f"{PROJECT}-{STACK}", custom=False,
                     inputs={}, outputs={})
    return [stack, bucket] if with_stack else [bucket]


def _analyse(pack: HandMadePack, resources: list[Resource]) -> Analysis:
    running = RunningPack(process=pack, info=PackInfo(name="hand-made", version="1.0.0", directory="."))  # type: ignore[arg-type]
    analysis = Analysis([running], resources)
    try:
        analysis.analyze_resources()
        analysis.analyze_stack()
    finally:
        analysis.close()
    return analysis


def test_remediate_level_is_reported_as_mandatory_in_analyze_and_analyze_stack() -> None:
    pack = HandMadePack(
        analyze=[_diagnostic("still-wrong", analyzer_pb2.REMEDIATE, BUCKET_URN)],
        stack=[_diagnostic("stack-wrong", analyzer_pb2.REMEDIATE, BUCKET_URN),
               _diagnostic("stack-advice", analyzer_pb2.ADVISORY, BUCKET_URN)],
    )
    found = {v.policy: v.enforcement_level for v in _analyse(pack, _resources(True)).violations}
    assert found == {"still-wrong": "mandatory", "stack-wrong": "mandatory", "stack-advice": "advisory"}


def test_analyze_finding_goes_under_the_analyzed_resource_whatever_urn_it_names() -> None:
    pack = HandMadePack(analyze=[_diagnostic("elsewhere", analyzer_pb2.ADVISORY, FOREIGN_URN),
                                 _diagnostic("the-stack", analyzer_pb2.ADVISORY, STACK_URN),
                                 _diagnostic("no-urn", analyzer_pb2.ADVISORY, "")], stack=[])
    found = sorted((v.urn, v.name, v.policy) for v in _analyse(pack, _resources(True)).violations)
    # Each analyzed resource (the stack, then the bucket) gets the three findings under its own URN and name.
    assert found == sorted((urn, name, policy) for urn, name in ((STACK_URN, f"{PROJECT}-{STACK}"), (BUCKET_URN, "logs"))
                           for policy in ("elsewhere", "the-stack", "no-urn"))


def test_stack_finding_outside_the_stack_goes_to_the_root_stack() -> None:
    pack = HandMadePack(analyze=[], stack=[_diagnostic("foreign", analyzer_pb2.MANDATORY, FOREIGN_URN),
                                           _diagnostic("blank", analyzer_pb2.MANDATORY, ""),
                                           _diagnostic("inside", analyzer_pb2.MANDATORY, BUCKET_URN)])
    found = {v.policy: v.urn for v in _analyse(pack, _resources(True)).violations}
    assert found == {"foreign": STACK_URN, "blank": STACK_URN, "inside": BUCKET_URN}


def test_without_a_registered_stack_the_default_root_stack_urn_is_used() -> None:
    pack = HandMadePack(analyze=[], stack=[_diagnostic("foreign", analyzer_pb2.MANDATORY, FOREIGN_URN)])
    assert [v.urn for v in _analyse(pack, _resources(False)).violations] == [STACK_URN]
