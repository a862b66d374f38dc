"""Engine-shaped requests, and the same verdicts under both shapes.

Pinned against:
- pulumi/pulumi `pkg/resource/deploy/step_generator.go`: `generateSteps` (Analyze gets the inputs
  returned by the provider's `Check`) and `AnalyzeResources` (AnalyzeStack gets `v.Outputs`, during
  preview the provider's planned state, computed attributes unknown).
- pulumi/pulumi-terraform-bridge `pkg/tfbridge/schema.go`, `makeTerraformInputs` ("populate defaults
  from the Terraform schema") and `shouldSuppressTFSchemaDefaultValue` (falsy defaults are not added).
- pulumi-aws: `tagsAll` is the provider's `defaultTags.tags` merged with the resource's `tags`.

Every stack-policy example and the reference stack run through the real pack process under the
offline and the engine shape; every verdict that differs must be listed in docs/offline-preview.md
("Verdicts that differ between the shapes"), and nothing listed there may have been fixed already.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from migration_guard.analyzer.protocol import UNKNOWN_STRING
from migration_guard.analyzer.shape import TERRAFORM_DEFAULTS, EngineShaper, SdkShapes, tags_all
from migration_guard.preview.engine import PreviewOptions, run_preview
from migration_guard.testing.engine_shape import StackInput, engine_shaped, run_stack
from migration_guard.testing.inprocess import to_wire
from migration_guard.testing.pack_process import PackProcess
from migration_guard_policies import all_specs
from migration_guard_policies.examples import StackResource
from migration_guard_policies.model import StackPolicySpec

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "docs" / "offline-preview.md"
DIFFERENCE_LINE = re.compile(r"^- `(?P<key>[^`]+)`")


def documented_differences() -> set[str]:
    text = DOC.read_text()
    section = text.split("### Verdicts that differ between the shapes", 1)[1].split("\n#", 1)[0]
    return {m.group("key") for line in section.splitlines() if (m := DIFFERENCE_LINE.match(line))}


@pytest.fixture(scope="module")
def shapes() -> SdkShapes:
    return SdkShapes()


def test_computed_and_provider_computed_attributes_come_from_the_sdk(shapes: SdkShapes) -> None:
    bucket = shapes.shape("aws:s3/bucket:Bucket")
    assert {"arn", "bucketDomainName"} <= bucket.computed
    # Optional input, declared `pulumi.Output[...]` without Optional: the provider fills it in.
    assert "serverSideEncryptionConfiguration" in bucket.provider_computed_inputs
    instance = shapes.shape("aws:rds/instance:Instance")
    assert "kmsKeyId" in instance.provider_computed_inputs
    assert "storageEncrypted" not in instance.provider_computed_inputs  # Output[Optional[bool]]
    assert "instanceClass" in instance.required_inputs


def test_planned_outputs_make_omitted_computed_inputs_unknown(shapes: SdkShapes) -> None:
    shaper = EngineShaper(shapes)
    checked, planned = shaper.shape_resource("aws:s3/bucket:Bucket", {"bucket": "exports-dev"})
    assert "serverSideEncryptionConfiguration" not in checked
    assert planned["serverSideEncryptionConfiguration"] == UNKNOWN_STRING
    assert planned["arn"] == UNKNOWN_STRING
    assert planned["bucket"] == "exports-dev"


def test_check_adds_terraform_defaults_only_when_omitted(shapes: SdkShapes) -> None:
    shaper = EngineShaper(shapes)
    checked = shaper.checked_inputs("aws:cloudwatch/metricAlarm:MetricAlarm", {"alarmName": "a"})
    assert checked["actionsEnabled"] is True
    kept = shaper.checked_inputs("aws:cloudwatch/metricAlarm:MetricAlarm", {"actionsEnabled": False})
    assert kept["actionsEnabled"] is False
    assert all(default.value for table in TERRAFORM_DEFAULTS.values() for default in table.values())
    assert all(default.source for table in TERRAFORM_DEFAULTS.values() for default in table.values())


def test_tags_all_merges_provider_default_tags(shapes: SdkShapes) -> None:
    shaper = EngineShaper(shapes)
    provider = {"region": "us-east-1", "defaultTags": json.dumps({"tags": {"Owner": "team", "Env": "x"}})}
    checked = shaper.checked_inputs("aws:s3/bucket:Bucket", {"tags": {"Env": "dev"}}, provider)
    assert checked["tagsAll"] == {"Owner": "team", "Env": "dev"}
    assert tags_all({"tags": UNKNOWN_STRING}, provider) == UNKNOWN_STRING
    assert tags_all({}, {"defaultTags": {"tags": {"A": "1"}}}) == {"A": "1"}
    assert tags_all({"tags": {"B": "2"}}, None) == {"B": "2"}


def test_the_in_process_harness_gets_the_same_planned_outputs() -> None:
    bucket = StackResource("aws:s3/bucket:Bucket", "exports-dev", {"bucket": "exports-dev"})
    (shaped,) = engine_shaped([bucket])
    assert shaped.props["serverSideEncryptionConfiguration"] == UNKNOWN_STRING
    assert shaped.props["bucket"] == "exports-dev" and shaped.name == "exports-dev"


def _level(spec: StackPolicySpec) -> str:
    return str(getattr(spec.level, "value", spec.level))


@pytest.fixture(scope="module")
def pack() -> Iterator[PackProcess]:
    with PackProcess(REPO / "policy-pack", project="test", stack="dev") as process:
        process.configure_stack()
        yield process


def _configure(pack: PackProcess, spec: StackPolicySpec, config: dict[str, Any]) -> None:
    entries: dict[str, dict[str, Any]] = {s.name: {"enforcementLevel": "disabled"} for s in all_specs()}
    entries[spec.name] = {"enforcementLevel": _level(spec), **to_wire(config)}
    pack.configure(entries)  # a new Configure starts a new preview: the pack's per-preview memory resets


def example_differences(pack: PackProcess) -> dict[str, str]:
    differences: dict[str, str] = {}
    for spec in (s for s in all_specs() if isinstance(s, StackPolicySpec)):
        for index, example in enumerate(spec.examples):
            resources = [
                StackInput(r.type, r.name, to_wire(r.props), {k: list(v) for k, v in r.deps.items()}, r.parent)
                for r in example.resources
            ]
            verdicts = {}
            for shape in ("offline", "engine"):
                _configure(pack, spec, dict(example.config))
                verdicts[shape] = sorted(str(v) for v in run_stack(pack, resources, shape=shape))
            if verdicts["offline"] != verdicts["engine"]:
                differences[f"{spec.name}[{index}]"] = f"offline {verdicts['offline']}, engine {verdicts['engine']}"
    return differences


def test_every_stack_policy_example_decides_the_same_under_both_shapes(pack: PackProcess) -> None:
    differences = example_differences(pack)
    documented = {k for k in documented_differences() if "[" in k}
    undocumented = {k: v for k, v in differences.items() if k not in documented}
    fixed = sorted(documented - set(differences))
    assert not undocumented, f"verdicts differ under engine-shaped requests: {undocumented}"
    assert not fixed, f"listed in docs/offline-preview.md but now the same under both shapes: {fixed}"


def _verdicts(report: Any) -> set[tuple[str, str, str]]:
    decided = {(v.policy, v.urn, v.enforcement_level) for v in report.violations}
    return decided | {(v.policy, v.urn, "unverifiable") for v in report.unverifiable}


def test_reference_stack_decides_the_same_under_both_shapes() -> None:
    reports = {
        shape: run_preview(PreviewOptions(cwd=REPO, stack="dev", request_shape=shape)) for shape in ("offline", "engine")
    }
    assert _verdicts(reports["offline"]) == _verdicts(reports["engine"])
    assert reports["engine"].exit_code() == reports["offline"].exit_code() == 0
