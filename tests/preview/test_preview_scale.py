"""The offline preview at scale (issue 13): a program of 2,000+ resources previews without error and with
known verdicts, and what makes it fast (analysis while the program runs, requests built once, the
runner's source positions and event-loop padding) changes nothing a pack or a report sees.

No test here measures time: `migration-guard bench --cwd tests/preview/programs/scale` reports it.
"""

from __future__ import annotations

import asyncio
import json
import os
import threading
import traceback
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from preview_support import CONFIGS, PACKS, PROGRAMS, PreviewRun

from migration_guard.analyzer import shape
from migration_guard.preview import engine, sdk_internals, sources
from migration_guard.preview.engine import PreviewOptions, run_preview
from migration_guard.preview.model import Report, Resource
from migration_guard.preview.program import RegistrationFollower, RunBuilder
from migration_guard.preview.project import load_project, load_stack_config
from migration_guard.preview.report import render

SCALE = PROGRAMS / "scale"
STACK = "urn:pulumi:dev::preview-scale::"
# Every ninth tenant (t04, t13, t22 of 29) adds an RDS instance and a secret that break these policies.
LEGACY_TENANTS = ("t04", "t13", "t22")
LEGACY_DB_POLICIES = {
    "rds-backup-retention": "mandatory", "rds-deletion-protection": "advisory",
    "rds-iam-authentication": "advisory", "rds-instance-multi-az": "mandatory",
    "rds-log-exports-enabled": "advisory", "rds-managed-master-password": "mandatory",
    "rds-storage-encrypted": "mandatory", "database-monitoring-coverage": "advisory",
}
LEGACY_SECRET_POLICIES = {"secretsmanager-secret-cmk": "mandatory", "secretsmanager-secret-rotation-enabled": "advisory"}


@pytest.fixture(scope="module")
def scale_report() -> Report:
    return run_preview(PreviewOptions(cwd=SCALE, stack="dev"))


def test_a_program_of_2000_resources_previews_with_its_verdicts(scale_report: Report) -> None:
    report = scale_report
    assert len(report.resources) >= 2000
    assert report.errors == [] and report.unverifiable == []
    assert report.exit_code() == 1
    types = Counter(r.type for r in report.resources)
    for token in ("aws:ec2/vpc:Vpc", "aws:ec2/subnet:Subnet", "aws:kms/key:Key", "aws:rds/cluster:Cluster",
                  "aws:secretsmanager/secret:Secret", "aws:cloudwatch/metricAlarm:MetricAlarm",
                  "aws:s3/bucket:Bucket", "aws:dms/replicationTask:ReplicationTask"):
        assert types[token] > 0, token
    # The reference stack's components pass every policy; only the legacy resources fail.
    expected = set()
    for tenant in LEGACY_TENANTS:
        for policy, level in LEGACY_DB_POLICIES.items():
            expected.add((policy, level, STACK + f"aws:rds/instance:Instance::legacy-db-{tenant}-dev"))
        for policy, level in LEGACY_SECRET_POLICIES.items():
            expected.add((policy, level, STACK + f"aws:secretsmanager/secret:Secret::legacy-secret-{tenant}-dev"))
    found = Counter((v.policy, v.enforcement_level, v.urn) for v in report.violations)
    legacy_db = {STACK + f"aws:rds/instance:Instance::legacy-db-{t}-dev" for t in LEGACY_TENANTS}
    # rds-monitoring-enabled reports two settings (Performance Insights and enhanced monitoring) on each.
    assert found == Counter({**{key: 1 for key in expected},
                             **{("rds-monitoring-enabled", "advisory", urn): 2 for urn in legacy_db}})
    # Every resource points at the program line that built it (the reference stack is outside the project).
    sourced = [r for r in report.resources if r.custom and not r.default_provider]
    assert all(r.source is not None and r.source.file == "__main__.py" for r in sourced)
    # One line per data source the preview answered by assumption, however many calls.
    assert [line.split(": ", 1)[1] for line in report.assumptions] == [
        "aws:index/getAvailabilityZones:getAvailabilityZones in us-east-1: assumed answer",
        "aws:index/getCallerIdentity:getCallerIdentity in us-east-1: assumed answer",
    ]
    # The documentdb tenants' password arrived as a secret: no report carries it.
    secret = "Xk7#qLm2$vRt9!wZp4&nBc6"
    for fmt in ("json", "sarif", "text", "markdown", "junit"):
        assert secret not in render(report, fmt)


# -- analysis while the program runs gives what analysis after the program gives ---------------------

def _without_streaming(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "AnalysisWhileRunning", lambda *args, **kwargs: None)


@pytest.fixture()
def recording(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "requests.jsonl"
    previous = os.environ.get("RECORDING_PACK_FILE")
    os.environ["RECORDING_PACK_FILE"] = str(path)
    yield path
    if previous is None:
        os.environ.pop("RECORDING_PACK_FILE", None)
    else:
        os.environ["RECORDING_PACK_FILE"] = previous


def test_analysis_while_the_program_runs_sends_and_reports_what_analysis_after_it_does(
    violations_run: PreviewRun, recording: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The session's preview of the `violations` program (three packs: one remediating, one recording
    every request it gets) analyzed while the program ran; analyzed after it, the packs get the same
    requests in the same order and the reports are byte-identical."""
    options = PreviewOptions(
        cwd=PROGRAMS / "violations", stack="dev",
        policy_packs=[PACKS / "basic", PACKS / "second", PACKS / "recording"],
        policy_pack_configs=[CONFIGS / "remediate.json"],
    )
    with monkeypatch.context() as patch:
        _without_streaming(patch)
        after = run_preview(options)
    assert [json.loads(line) for line in recording.read_text().splitlines()] == violations_run.recording
    assert violations_run.report.remediations  # the remediation reached what later calls saw, both ways
    for fmt in ("json", "sarif", "text", "markdown", "junit"):
        assert render(violations_run.report, fmt) == render(after, fmt)


def test_follower_hands_registrations_over_in_program_order(tmp_path: Path) -> None:
    (tmp_path / "Pulumi.yaml").write_text("name: demo\nruntime: python\n")
    (tmp_path / "__main__.py").write_text("")
    project = load_project(tmp_path)
    builder = RunBuilder(project, "dev", "organization", load_stack_config(project, "dev", []))
    stream = tmp_path / "registrations.jsonl"
    delivered: list[str] = []
    handed_over = threading.Event()

    def deliver(resources: list[Resource]) -> None:
        delivered.extend(r.name for r in resources)
        handed_over.set()

    follower = RegistrationFollower(stream, builder, deliver)

    def registration(seq: int, name: str) -> str:
        record = {"seq": seq, "type": "demo:index:Thing", "name": name, "custom": False,
                  "urn": f"urn:pulumi:dev::demo::demo:index:Thing::{name}", "inputs": {}}
        return json.dumps({"registration": record, "computed": []}) + "\n"

    follower.start()
    with stream.open("w") as out:  # arrival order 2, 0, 3 (1 never arrives while following)
        out.write(registration(2, "c") + registration(0, "a") + registration(3, "d"))
        out.flush()
        handed_over.wait()  # no deadline: the follower hands "a" over whenever it is scheduled
    follower.stop()
    assert follower.error is None
    assert delivered == ["a"]  # b (seq 1) missing: c and d wait for it
    run = builder.finish({"registrations": [
        json.loads(registration(s, n))["registration"] for s, n in ((0, "a"), (1, "b"), (2, "c"), (3, "d"))
    ]})
    assert [r.name for r in run.resources] == ["a", "b", "c", "d"]


# -- the runner's shortcuts are the SDK's answers -----------------------------------------------------

def test_padding_once_runs_what_the_sdks_sync_await_runs() -> None:
    """pulumi/runtime/sync_await.py `_sync_await` inside a running loop: the same callbacks in the same
    order, and the run queue refilled to the length the enclosing `_run_once` expects."""
    from pulumi.runtime.sync_await import _sync_await

    def scenario(sync_await: Any) -> tuple[list[str], list[int]]:
        loop = asyncio.new_event_loop()
        order: list[str] = []
        lengths: list[int] = []

        async def inner(tag: str) -> str:
            await asyncio.sleep(0)
            order.append(f"inner-{tag}")
            return tag

        def nested(tag: str) -> None:
            for index in range(3):
                loop.call_soon(order.append, f"queued-{tag}-{index}")
            order.append(f"got-{sync_await(inner(tag))}")
            lengths.append(len(loop._ready))  # type: ignore[attr-defined]

        async def main() -> None:
            for tag in "abc":
                loop.call_soon(nested, tag)
                loop.call_soon(order.append, f"after-{tag}")
            await asyncio.sleep(0.01)

        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(main())
        finally:
            loop.close()
        return order, lengths

    def in_own_thread(sync_await: Any) -> tuple[list[str], list[int]]:
        """Each thread has its own current event loop: the main thread's is left as it was."""
        results: list[tuple[list[str], list[int]]] = []
        worker = threading.Thread(target=lambda: results.append(scenario(sync_await)))
        worker.start()
        worker.join()
        return results[0]

    assert in_own_thread(sdk_internals.sync_await_padding_once) == in_own_thread(_sync_await)


def test_the_source_position_is_the_sdks() -> None:
    """pulumi/runtime/resource.py: `_get_source_position(_get_stack_trace())`, the caller of the third
    `__init__` from the innermost frame; the shortcut returns that frame alone."""
    from pulumi.runtime import resource as sdk_resource

    original = sdk_resource._get_stack_trace
    found: list[tuple[Any, Any]] = []

    class Base:
        def __init__(self) -> None:
            found.append((sdk_resource._get_source_position(original()),
                          sdk_resource._get_source_position(sdk_internals.source_position_trace())))

    class Custom(Base):
        def __init__(self) -> None:
            super().__init__()

    class Concrete(Custom):
        def __init__(self) -> None:
            super().__init__()

    def component() -> None:
        Concrete()

    Concrete()
    component()
    Custom()  # only two __init__ frames, then this test's frames
    assert len(found) == 3
    for sdk, shortcut in found:
        assert sdk == shortcut
    assert found[0][0].uri.endswith("test_preview_scale.py") and found[0][0].line > 0
    assert found[1][0].line != found[0][0].line


def test_user_files_decide_as_the_uncached_functions(tmp_path: Path) -> None:
    files = sources.UserFiles(Path(__file__).resolve().parents[2])
    cached, uncached = files.caller(), sources.user_frame(traceback.extract_stack(), files.project_dir)
    assert cached == uncached and cached is not None
    inside = sources.UserFiles(Path(__file__).resolve().parent)
    assert inside.caller() is not None and inside.caller()["file"] == str(Path(__file__).resolve())
    # The tool's own files are never the user's program, even in a project that holds them.
    runner = str(Path(sources.__file__).resolve())
    assert not sources.is_user_file(runner, Path(sources.__file__).resolve().parents[2])
    assert files.user_path(runner) is None
    outside = sources.UserFiles(tmp_path)
    assert outside.caller() is None


def test_resource_shapes_read_from_class_sources_equal_the_whole_module() -> None:
    """`SdkShapes` parses only a resource's and its args' classes; the shapes are those of the module."""
    import ast

    def whole_module(text: str, names: tuple[str, ...]) -> dict[str, ast.ClassDef]:
        return {n.name: n for n in ast.parse(text).body if isinstance(n, ast.ClassDef) and n.name in names}

    tokens = ["aws:rds/instance:Instance", "aws:rds/cluster:Cluster", "aws:s3/bucket:Bucket",
              "aws:kms/key:Key", "aws:dms/endpoint:Endpoint", "aws:cloudwatch/metricAlarm:MetricAlarm",
              "aws:ec2/subnet:Subnet", "aws:secretsmanager/secret:Secret", "aws:iam/role:Role"]
    cut = shape.SdkShapes()
    read = [cut.shape(t) for t in tokens]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(shape, "_read_classes", whole_module)
        full = shape.SdkShapes()
        assert read == [full.shape(t) for t in tokens]
    assert all(s.outputs for s in read)
