"""What the offline preview assumed (data-source answers it built itself) is in every report format, not
only on stderr and in the JSON report: text, markdown, and SARIF (as the run's tool-execution
notifications, SARIF 2.1.0 section 3.20.21, validated against the schema)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from preview_support import PreviewRun

from migration_guard.preview.model import Assumption, Report, SourceLocation
from migration_guard.preview.report import render

SARIF_SCHEMA = Path(__file__).resolve().parents[1] / "data" / "sarif" / "sarif-schema-2.1.0.json"
ZONES = "aws:index/getAvailabilityZones:getAvailabilityZones in eu-west-1: assumed answer"
IDENTITY = "aws:index/getCallerIdentity:getCallerIdentity in eu-west-1: assumed answer"


def _sarif(report: Report) -> dict:
    document = json.loads(render(report, "sarif"))
    jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))).validate(document)
    return document


def test_the_violations_program_assumes_two_answers(violations_run: PreviewRun) -> None:
    assumptions = violations_run.report.assumptions
    assert [line.split(": ", 1)[1] for line in assumptions] == [ZONES, IDENTITY]
    assert all(isinstance(item, Assumption) and item.location is not None for item in assumptions)
    assert json.loads(render(violations_run.report, "json"))["assumptions"] == list(assumptions)


def test_text_report_lists_the_assumptions_before_the_summary(violations_run: PreviewRun) -> None:
    text = render(violations_run.report, "text")
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Assumptions (2 answers"))
    assert "--invoke-results FILE" in lines[start]
    assert [line.strip() for line in lines[start + 1:start + 3]] == list(violations_run.report.assumptions)
    assert start < lines.index("Summary:")


def test_markdown_report_lists_the_assumptions_under_the_summary(violations_run: PreviewRun) -> None:
    markdown = render(violations_run.report, "markdown")
    assert "### Assumptions" in markdown
    for line in violations_run.report.assumptions:
        assert f"- {line}" in markdown
    assert markdown.index("### Assumptions") < markdown.index("### Violations")


def test_sarif_report_carries_the_assumptions_as_execution_notifications(violations_run: PreviewRun) -> None:
    run = _sarif(violations_run.report)["runs"][0]
    notifications = run["invocations"][0]["toolExecutionNotifications"]
    assert [n["message"]["text"] for n in notifications] == list(violations_run.report.assumptions)
    assert run["invocations"][0]["executionSuccessful"] is True  # an assumption is no failure
    descriptors = run["tool"]["driver"]["notifications"]
    for notification, item in zip(notifications, violations_run.report.assumptions, strict=True):
        assert notification["level"] == "note"
        assert descriptors[notification["descriptor"]["index"]]["id"] == notification["descriptor"]["id"]
        location = notification["locations"][0]["physicalLocation"]
        assert item.location is not None
        # Relative to the repository root, like the results.
        assert location["artifactLocation"]["uri"] == "tests/preview/programs/violations/" + item.location.file
        assert location["region"]["startLine"] == item.location.line
        assert notification["properties"]["subject"] == item.subject
    assert run["properties"]["assumptions"] == list(violations_run.report.assumptions)


def _report(assumptions: list[str]) -> Report:
    return Report(command="preview", project="demo", stack="dev", resources=[], packs=[], violations=[],
                  unverifiable=[], remediations=[], assumptions=assumptions)


def test_unknown_answers_are_warnings_and_plain_lines_have_no_location() -> None:
    unknown = Assumption("main.py:3: aws:ssm/getParameter:getParameter in us-west-2: unknown (--allow-unknown-invokes)",
                         SourceLocation("main.py", 3), "aws:ssm/getParameter:getParameter", "unanswered")
    plain = "aws:index/getRegion:getRegion: assumed answer"  # e.g. a report whose lines lost their parts
    run = _sarif(_report([unknown, plain]))["runs"][0]
    first, second = run["invocations"][0]["toolExecutionNotifications"]
    assert first["level"] == "warning" and first["locations"][0]["physicalLocation"]["region"]["startLine"] == 3
    assert second["level"] == "note" and "locations" not in second
    assert {d["id"] for d in run["tool"]["driver"]["notifications"]} == {
        "offline-preview/assumed-answer", "offline-preview/unknown-answer"}
    text = render(_report([unknown, plain]), "text")
    assert f"    {unknown}\n" in text and f"    {plain}\n" in text


def test_no_assumptions_no_section() -> None:
    report = _report([])
    assert "Assumptions" not in render(report, "text")
    assert "### Assumptions" not in render(report, "markdown")
    run = _sarif(report)["runs"][0]
    assert run["invocations"][0]["toolExecutionNotifications"] == []
    assert "notifications" not in run["tool"]["driver"]


def test_quiet_text_leaves_the_assumptions_out(violations_run: PreviewRun) -> None:
    from migration_guard.preview.report import text

    assert "Assumptions" not in text.render(violations_run.report, quiet=True)


def test_markdown_shows_at_most_fifty_assumption_lines() -> None:
    lines = [f"main.py:{n}: aws:index/getRegion:getRegion: assumed answer" for n in range(1, 61)]
    markdown = render(_report(lines), "markdown")
    assert f"- {lines[49]}" in markdown and f"- {lines[50]}" not in markdown
    assert "and 10 more" in markdown
