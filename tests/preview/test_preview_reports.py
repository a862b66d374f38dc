"""Every report format parses, carries the findings, and never carries a secret."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from preview_support import LITERAL_SECRET, PreviewRun

from migration_guard.preview.project import secret_placeholder
from migration_guard.preview.report import FORMATS, render

SARIF_SCHEMA = Path(__file__).resolve().parents[1] / "data" / "sarif" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def rendered(violations_run: PreviewRun) -> dict[str, str]:
    return {fmt: render(violations_run.report, fmt) for fmt in FORMATS}


def test_summary_counts(violations_run: PreviewRun) -> None:
    report = violations_run.report
    mandatory = sorted((v.name, v.policy) for v in report.mandatory)
    assert mandatory == [
        ("archive-dev", "bucket-encryption-stack-test"),
        ("orders-dev-instance", "rds-encrypted-test"),
        ("replica-dev", "bucket-encryption-stack-test"),
    ]
    assert report.exit_code() == 1
    # Pulumi.dev.yaml's `secure:` dbPassword cannot be decrypted (no encryptionsalt): the program and the
    # packs see it unknown, so the policy reading it cannot run, instead of judging a placeholder.
    assert [(v.name, v.policy) for v in report.unverifiable] == [("orders-dev-instance", "echo-password-test")]


def test_json_report(rendered: dict[str, str], violations_run: PreviewRun) -> None:
    document = json.loads(rendered["json"])
    assert document["version"] == 1
    summary = document["summary"]
    assert summary["resources"] == len(violations_run.report.resources)
    assert summary["policies"] == 7 + 1 + 2
    assert summary["violations"]["mandatory"] == 3
    assert summary["violations"]["advisory"] == len(violations_run.report.advisory)
    assert summary["unverifiable"] == 1  # the undecryptable secure dbPassword (see test_summary_counts)
    packs = {p["name"]: p for p in document["policyPacks"]}
    assert packs["preview-test-pack"]["version"] == "1.2.3"  # PulumiPolicy.yaml wins over the SDK's 0.0.1
    assert "rds-encrypted-test" in {p["name"] for p in packs["preview-test-pack"]["policies"]}
    violation = next(v for v in document["violations"] if v["policy"] == "rds-encrypted-test")
    assert violation == {
        "policyPack": "preview-test-pack",
        "policyPackVersion": "1.2.3",
        "policy": "rds-encrypted-test",
        "enforcementLevel": "mandatory",
        "severity": "high",
        "urn": "urn:pulumi:dev::preview-violations::preview:index:Database$aws:rds/instance:Instance::orders-dev-instance",
        "type": "aws:rds/instance:Instance",
        "name": "orders-dev-instance",
        "message": "RDS instances are encrypted.\nstorageEncrypted is not true.",
        "description": "RDS instances are encrypted.",
        "source": {"file": "components.py", "line": 10},
    }
    resource = next(r for r in document["resources"] if r["name"] == "logs-dev")
    assert resource["source"] == {"file": "__main__.py", "line": 12}
    assert document["remediations"][0]["policy"] == "managed-by-tag-test"
    assert document["errors"] == []


def test_sarif_report_is_valid_sarif_2_1_0(rendered: dict[str, str]) -> None:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    document = json.loads(rendered["sarif"])
    jsonschema.Draft4Validator(schema).validate(document)
    run = document["runs"][0]
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert "preview-test-pack/rds-encrypted-test" in rule_ids
    result = next(r for r in run["results"] if r["ruleId"] == "preview-test-pack/rds-encrypted-test")
    assert result["level"] == "error"
    location = result["locations"][0]["physicalLocation"]
    # Paths are relative to the repository root, so code scanning annotates the right line.
    assert location["artifactLocation"]["uri"] == "tests/preview/programs/violations/components.py"
    assert location["region"]["startLine"] == 10
    assert rule_ids[result["ruleIndex"]] == result["ruleId"]


def test_junit_report(rendered: dict[str, str]) -> None:
    root = ET.fromstring(rendered["junit"])
    assert root.tag == "testsuites"
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    basic = suites["preview-test-pack@v1.2.3"]
    # One test case per policy and resource (tests/adoption has the full contract).
    failing = {c.get("name") for c in basic.findall("testcase") if c.find("failure") is not None}
    assert failing == {"rds-encrypted-test orders-dev-instance", "bucket-encryption-stack-test archive-dev",
                       "bucket-encryption-stack-test replica-dev"}
    assert basic.get("failures") == "3"
    assert root.get("failures") == "3"


def test_text_and_markdown_reports(rendered: dict[str, str]) -> None:
    text = rendered["text"]
    assert "Policies:" in text
    assert "aws:rds/instance:Instance  orders-dev-instance  (components.py:10)" in text
    assert "[mandatory] [high]  preview-test-pack/rds-encrypted-test" in text
    assert "Result: FAILED" in text
    markdown = rendered["markdown"]
    assert "#### `preview-test-pack/rds-encrypted-test` (mandatory, high): 1" in markdown
    assert "| Resource | Location | Message |" in markdown
    assert "`components.py:10`" in markdown


def test_no_format_contains_a_secret(rendered: dict[str, str]) -> None:
    placeholder = secret_placeholder("preview-violations:dbPassword")
    for fmt, text in rendered.items():
        assert LITERAL_SECRET not in text, fmt
        assert placeholder not in text, fmt
    # The deliberately leaky policy's message is redacted rather than dropped.
    assert "the password is [secret]" in rendered["text"]


def test_rendering_is_deterministic(violations_run: PreviewRun) -> None:
    for fmt in FORMATS:
        assert render(violations_run.report, fmt) == render(violations_run.report, fmt)
