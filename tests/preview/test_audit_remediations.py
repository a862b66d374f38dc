"""`audit` reports remediations without applying them, like `pulumi policy analyze`.

Pinned against pulumi/pulumi `pkg/resource/deploy/analyze_snapshot.go`, `AnalyzeSnapshot`: "report what
would be changed but do not apply the changes"; the Analyze pass then sees the state's own inputs, and
resources pending deletion (`res.Delete`) are skipped.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from preview_support import CONFIGS, PACKS, STATES

from migration_guard.preview.engine import run_audit


def test_audit_reports_remediations_and_analyzes_the_unremediated_inputs(tmp_path: Path) -> None:
    state = json.loads((STATES / "violations-state.json").read_text())
    state["deployment"]["resources"].append({
        "urn": "urn:pulumi:prod::preview-violations::aws:s3/bucket:Bucket::pending-delete-prod",
        "type": "aws:s3/bucket:Bucket", "custom": True, "delete": True, "inputs": {}, "outputs": {},
    })
    path = tmp_path / "state.json"
    path.write_text(json.dumps(state))
    record = tmp_path / "requests.jsonl"
    os.environ["RECORDING_PACK_FILE"] = str(record)
    try:
        report = run_audit(path, [PACKS / "basic", PACKS / "recording"], [CONFIGS / "remediate.json"])
    finally:
        os.environ.pop("RECORDING_PACK_FILE", None)
    assert [(r.name, r.policy) for r in report.remediations] == [("logs-prod", "managed-by-tag-test")]
    analyzed = [json.loads(line)["request"] for line in record.read_text().splitlines()
                if json.loads(line)["method"] == "Analyze"]
    bucket = next(r for r in analyzed if r["urn"].endswith("::logs-prod"))
    assert bucket["properties"]["tags"] == {"Environment": "prod"}  # not the remediated tags
    assert not [r for r in analyzed if r["urn"].endswith("::pending-delete-prod")]
    assert all(not r.urn.endswith("::pending-delete-prod") for r in report.resources)
