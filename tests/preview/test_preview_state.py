"""`preview --state FILE`: an update of an existing stack, as the engine previews it.

Pinned against pulumi/pulumi `pkg/resource/deploy/step_generator.go`: `generateSteps` /
`processIgnoreChanges` (old input values at ignored paths, before Check and the analyzers), same steps
keep the deployed outputs, and `AnalyzeResources` (AnalyzeStack walks the new resources only, so a
resource deleted by the update is not in it).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from preview_support import PACKS

from migration_guard.analyzer.protocol import UNKNOWN_STRING
from migration_guard.preview.engine import PreviewOptions, run_preview
from migration_guard.preview.update import apply_ignore_changes, keep_old_defaults, unchanged

PROGRAM = '''
import pulumi
import pulumi_aws as aws

config = pulumi.Config()
aws.s3.Bucket("logs-dev", bucket="logs-dev-1", tags={"Owner": config.get("owner") or "platform"},
              opts=pulumi.ResourceOptions(ignore_changes=["tags"]))
aws.sns.Topic("alerts-dev", name="alerts-dev")
'''


def test_ignore_changes_takes_the_old_value_at_each_path() -> None:
    old = {"tags": {"Owner": "old"}, "nested": {"a": {"b": 1}}}
    new = {"tags": {"Owner": "new"}, "nested": {"a": {"b": 2}}, "added": 3}
    assert apply_ignore_changes(new, old, ["tags", "nested.a.b", "added"]) == {"tags": {"Owner": "old"}, "nested": {"a": {"b": 1}}}


def test_old_defaults_keep_their_values_unless_the_program_sets_them() -> None:
    old = {"name": "bucket-1a2b3c4", "forceDestroy": False, "__defaults": ["name"]}
    assert keep_old_defaults({"name": "bucket-9f8e7d6"}, old, set())["name"] == "bucket-1a2b3c4"
    assert keep_old_defaults({"name": "mine"}, old, {"name"})["name"] == "mine"
    assert unchanged({"a": 1}, {"a": 1, "__defaults": []})
    assert not unchanged({"a": UNKNOWN_STRING}, {"a": UNKNOWN_STRING})


def _write_program(folder: Path) -> Path:
    folder.mkdir()
    (folder / "Pulumi.yaml").write_text("name: update-demo\nruntime: python\n")
    (folder / "Pulumi.dev.yaml").write_text("config:\n  aws:region: us-east-1\n")
    (folder / "__main__.py").write_text(PROGRAM)
    return folder


def _recorded(path: Path, method: str) -> list[dict[str, Any]]:
    return [e["request"] for e in map(json.loads, path.read_text().splitlines()) if e["method"] == method]


def _preview(project: Path, record: Path, **options: Any) -> None:
    os.environ["RECORDING_PACK_FILE"] = str(record)
    try:
        run_preview(PreviewOptions(cwd=project, stack="dev", policy_packs=[PACKS / "recording"], **options))
    finally:
        os.environ.pop("RECORDING_PACK_FILE", None)


@pytest.fixture(scope="module")
def update(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    folder = tmp_path_factory.mktemp("update")
    project = _write_program(folder / "project")
    first = folder / "first.jsonl"
    _preview(project, first)
    analyzed = {r["urn"]: r["properties"] for r in _recorded(first, "Analyze")}
    stack_urn = next(r["urn"] for r in _recorded(first, "AnalyzeStack")[0]["resources"] if r["type"] == "pulumi:pulumi:Stack")
    resources: list[dict[str, Any]] = [{"urn": stack_urn, "type": "pulumi:pulumi:Stack", "custom": False}]
    for urn, inputs in analyzed.items():
        deployed = {**inputs, "arn": f"arn:aws:deployed:::{urn.rsplit('::', 1)[-1]}"}
        if "logs-dev" in urn:
            inputs = {**inputs, "tags": {"Owner": "legacy"}}
            deployed["tags"] = {"Owner": "legacy"}
        resources.append({"urn": urn, "type": urn.split("::")[2], "custom": True, "inputs": inputs, "outputs": deployed})
    resources.append({
        "urn": stack_urn.replace("pulumi:pulumi:Stack::update-demo-dev", "aws:sqs/queue:Queue::gone-dev"),
        "type": "aws:sqs/queue:Queue", "custom": True, "inputs": {"name": "gone"}, "outputs": {"name": "gone"},
    })
    state = folder / "state.json"
    state.write_text(json.dumps({"version": 3, "deployment": {"resources": resources}}))
    second = folder / "second.jsonl"
    _preview(project, second, state=state)
    return {"analyze": _recorded(second, "Analyze"), "stack": _recorded(second, "AnalyzeStack")[0]["resources"]}


def _by_name(items: list[dict[str, Any]], name: str) -> dict[str, Any]:
    return next(i for i in items if i["urn"].endswith("::" + name))


def test_ignored_changes_reach_analyze_as_the_old_inputs(update: dict[str, list[dict[str, Any]]]) -> None:
    assert _by_name(update["analyze"], "logs-dev")["properties"]["tags"] == {"Owner": "legacy"}


def test_unchanged_resources_show_their_deployed_outputs(update: dict[str, list[dict[str, Any]]]) -> None:
    topic = _by_name(update["stack"], "alerts-dev")["properties"]
    assert topic["arn"] == "arn:aws:deployed:::alerts-dev"
    bucket = _by_name(update["stack"], "logs-dev")["properties"]
    assert bucket["arn"] == "arn:aws:deployed:::logs-dev"


def test_deleted_resources_are_not_in_analyze_stack(update: dict[str, list[dict[str, Any]]]) -> None:
    assert not [r for r in update["stack"] if r["urn"].endswith("::gone-dev")]
