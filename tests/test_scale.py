"""Scale (issue 13): 50,000 resources through AnalyzeStack of the real pack process, and through `audit`.

The stack is the benchmark's synthetic migration stack (``migration_guard.testing.pack_bench``): units of
21 resources (network, Aurora cluster, DMS, key, alarm, bucket), every unit named by its number. Units
never refer to each other, so at any size each unit must be judged exactly as it is judged alone: the
50,000-resource answer is the one-unit answer once per unit (names mapped to the unit), plus the
stack-wide findings of the one-unit stack. Nothing is timed here (speed: `migration-guard bench pack`).
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from migration_guard.cli import main as cli_main
from migration_guard.testing.inprocess import to_wire, urn_for
from migration_guard.testing.pack_bench import UNIT_SIZE, stack_request, unit_resources
from migration_guard.testing.pack_process import PackProcess
from migration_guard_policies import all_specs

PACK_DIR = Path(__file__).resolve().parents[1] / "policy-pack"
UNITS = -(-50_000 // UNIT_SIZE)  # whole units, at least 50,000 resources
SIZE = UNITS * UNIT_SIZE
_UNIT_NAME = re.compile(r"-\d+-dev\b")

Finding = tuple[str, str, str]  # (policy, URN, message), unit numbers replaced by N


def _unit_free(text: str) -> str:
    return _UNIT_NAME.sub("-N-dev", text)


def _findings(diagnostics: Any) -> tuple[Counter[Finding], Counter[Finding]]:
    """(findings on a resource, stack-wide findings), unit numbers replaced."""
    per_resource: Counter[Finding] = Counter()
    stack_wide: Counter[Finding] = Counter()
    for d in diagnostics:
        finding = (d.policyName, _unit_free(d.urn), _unit_free(d.message))
        (per_resource if d.urn else stack_wide)[finding] += 1
    return per_resource, stack_wide


def _expected(one_unit: Any) -> tuple[Counter[Finding], Counter[Finding]]:
    per_resource, stack_wide = _findings(one_unit.diagnostics)
    return Counter({f: n * UNITS for f, n in per_resource.items()}), stack_wide


@pytest.fixture(scope="module")
def pack() -> Iterator[PackProcess]:
    with PackProcess(PACK_DIR, project="bench", stack="dev", dry_run=False, call_timeout=900) as process:
        process.handshake()
        process.configure_stack()
        process.configure({s.name: {"enforcementLevel": s.level} for s in all_specs()})
        yield process


@pytest.mark.parametrize("known_ids", [True, False], ids=["ids known", "ids unknown"])
def test_analyze_stack_of_50000_resources_judges_every_unit_as_alone(pack: PackProcess, known_ids: bool) -> None:
    one_unit = pack.stub.AnalyzeStack(stack_request(UNIT_SIZE, known_ids), timeout=900)
    big = pack.stub.AnalyzeStack(stack_request(SIZE, known_ids), timeout=900)
    per_resource, stack_wide = _findings(big.diagnostics)
    expected_per_resource, expected_stack_wide = _expected(one_unit)
    assert expected_per_resource, "the synthetic unit has findings to compare"
    assert per_resource == expected_per_resource
    assert stack_wide == expected_stack_wide
    assert len(big.not_applicable) == len(one_unit.not_applicable)
    assert pack.process.poll() is None


# -- audit ------------------------------------------------------------------------------------


def _export(size: int) -> dict[str, Any]:
    """A `pulumi stack export` (version 3) of the synthetic stack with ids known: the Stack, its default
    provider, then units until ``size`` resources."""
    project, stack = "bench", "dev"
    stack_urn = urn_for("pulumi:pulumi:Stack", f"{project}-{stack}", project=project)
    provider_urn = urn_for("pulumi:providers:aws", "default_7_51_1", project=project)
    provider = {"region": "us-east-1", "version": "7.51.1"}
    resources: list[dict[str, Any]] = [
        {"urn": stack_urn, "custom": False, "type": "pulumi:pulumi:Stack", "outputs": {}},
        {"urn": provider_urn, "custom": True, "id": "provider-id", "type": "pulumi:providers:aws",
         "inputs": provider, "outputs": provider},
    ]
    unit = 0
    while len(resources) < size:
        members = unit_resources(unit, known_ids=True)
        urns = {r["name"]: urn_for(r["type"], r["name"], project=project) for r in members}
        for r in members[: size - len(resources)]:
            links = {prop: [urns[target]] for prop, target in r["deps"].items() if target in urns}
            props = to_wire(r["props"])
            resources.append({
                "urn": urns[r["name"]], "custom": True, "id": r["props"]["id"], "type": r["type"],
                "inputs": props, "outputs": props, "parent": stack_urn, "provider": f"{provider_urn}::provider-id",
                "dependencies": sorted({u for targets in links.values() for u in targets}),
                "propertyDependencies": links,
            })
        unit += 1
    return {"version": 3, "deployment": {"manifest": {"time": "2026-01-01T00:00:00Z", "magic": "",
                                                      "version": "v3.272.0"}, "resources": resources}}


def _audit(tmp_path: Path, size: int, name: str) -> dict[str, Any]:
    state, report = tmp_path / f"{name}.json", tmp_path / f"{name}-report.json"
    state.write_text(json.dumps(_export(size)))
    assert len(json.loads(state.read_text())["deployment"]["resources"]) == size
    code = cli_main(["audit", "--state", str(state), "--policy-pack", str(PACK_DIR), "--pack-python", sys.executable,
                     "--format", "json", "--output", str(report), "--quiet", "--soft-fail"])
    assert code == 0
    result: dict[str, Any] = json.loads(report.read_text())
    return result


def _report_findings(report: dict[str, Any]) -> tuple[Counter[Finding], Counter[Finding]]:
    per_resource: Counter[Finding] = Counter()
    stack_wide: Counter[Finding] = Counter()
    for entry in report["violations"] + report["unverifiable"]:
        finding = (entry["policy"], _unit_free(entry["urn"]), _unit_free(entry["message"]))
        unit_member = _UNIT_NAME.search(entry["urn"]) is not None
        (per_resource if unit_member else stack_wide)[finding] += 1
    return per_resource, stack_wide


def test_audit_of_a_50000_resource_export_judges_every_unit_as_alone(tmp_path: Path) -> None:
    small = _audit(tmp_path, 2 + UNIT_SIZE, "one-unit")
    big = _audit(tmp_path, 2 + SIZE, "big")
    assert not big["errors"] and not small["errors"]
    assert big["summary"]["resources"] == 2 + SIZE
    per_resource, stack_wide = _report_findings(big)
    small_per_resource, small_stack_wide = _report_findings(small)
    assert small_per_resource, "the synthetic unit has findings to compare"
    assert per_resource == Counter({f: n * UNITS for f, n in small_per_resource.items()})
    assert stack_wide == small_stack_wide
