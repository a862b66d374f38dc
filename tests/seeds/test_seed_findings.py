"""Every reviewed mistake is caught; its fix passes (issue 11). The cases are listed in seed_cases.

Each faulty program is reported by the policies the catalog (revision 2) says, on the resource it names;
each corrected twin gets no report from those policies; programs that cannot run stop the offline
preview with an error at their own line; docs/seed-findings.md lists every finding.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections import Counter
from pathlib import Path

import pytest
from seed_cases import (
    ERROR_CASES,
    NOT_PREVIEW_TIME,
    POLICY_CASES,
    STACK,
    VALID_CASES,
    ErrorCase,
    Expected,
    PolicyCase,
    ValidCase,
)
from seeds_support import (
    ERRORS,
    FAULTY,
    FIXED,
    PACK,
    REPO,
    SeedRuns,
    case_resources,
    describe,
    findings,
    on_stack,
)

from migration_guard import cli
from migration_guard.preview.model import Report, Violation

EXPECTATIONS = [(case, expected) for case in POLICY_CASES for expected in case.expected]
LITERAL_CREDENTIALS = ("ChangeMe123456",)


def _reports_for(report: Report, case: str, expected: Expected) -> list[Violation]:
    if expected.name == STACK:
        return [v for v in report.violations if v.policy == expected.policy and on_stack(v)]
    urns = {r.urn for r in case_resources(report, case) if r.type == expected.type and r.name == expected.name}
    assert urns, f"the faulty program {case} declares no {expected.type} named {expected.name}"
    return [v for v in report.violations if v.policy == expected.policy and v.urn in urns]


@pytest.mark.parametrize(("case", "expected"), EXPECTATIONS,
                         ids=[f"{c.finding}-{e.policy}-{e.name}" for c, e in EXPECTATIONS])
def test_the_faulty_program_is_reported(seed_runs: SeedRuns, case: PolicyCase, expected: Expected) -> None:
    reports = _reports_for(seed_runs.faulty, case.faulty, expected)
    assert reports, (f"{expected.policy} did not report {expected.name} ({case.finding}); the program's findings: "
                     f"{describe([v for v in findings(seed_runs.faulty) if v.name == expected.name])}")
    matching = [v for v in reports
                if all(word in v.message for word in expected.mentions)
                and not any(word in v.message for word in expected.absent)]
    assert matching, f"no message says {expected.mentions} without {expected.absent}: {describe(reports)}"
    assert {v.enforcement_level for v in matching} == {expected.level}


@pytest.mark.parametrize("case", POLICY_CASES, ids=[c.finding for c in POLICY_CASES])
def test_the_corrected_twin_passes_those_policies(seed_runs: SeedRuns, case: PolicyCase) -> None:
    resources = case_resources(seed_runs.fixed, case.fixed)
    missing = case.twin_types - {r.type for r in resources}
    assert not missing, f"the twin {case.fixed} declares no {sorted(missing)}"
    urns = {r.urn for r in resources}
    stack_policies = {e.policy for e in case.expected if e.name == STACK}
    left = [v for v in findings(seed_runs.fixed)
            if v.policy in case.policies and (v.urn in urns or (v.policy in stack_policies and on_stack(v)))]
    assert not left, describe(left)


def test_every_twin_together_has_no_mandatory_violation(seed_runs: SeedRuns) -> None:
    """The twins are fixes a team could deploy: no mandatory policy of the pack blocks any of them (their
    secret config is decrypted with the test passphrase, so the credential policies judge real values)."""
    assert [Path(p.directory) for p in seed_runs.fixed.packs] == [PACK]  # the project's own pack judged them
    assert not seed_runs.fixed.mandatory, describe(seed_runs.fixed.mandatory)
    assert not seed_runs.fixed.unverifiable, describe(seed_runs.fixed.unverifiable)


@pytest.mark.parametrize("case", ERROR_CASES, ids=[c.finding for c in ERROR_CASES])
def test_a_program_that_cannot_run_stops_the_preview_at_its_line(seed_runs: SeedRuns, case: ErrorCase) -> None:
    message = seed_runs.errors[case.program]
    assert message, f"the offline preview of {case.program} did not stop"
    assert f"{case.location}: " in message, message  # the program's own line, wherever the error lists it
    for word in case.mentions:
        assert word in message, message


def test_the_command_line_exits_2_with_the_error_and_no_report_of_success() -> None:
    """The whole command, as CI runs it: exit code 2 and the error on stderr (000-1)."""
    case = ERROR_CASES[0]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["preview", "--cwd", str(ERRORS / case.program), "--stack", "dev"])
    assert code == 2
    assert f"{case.location}: " in err.getvalue()
    assert all(word in err.getvalue() for word in case.mentions)
    assert "passed" not in out.getvalue().lower()


@pytest.mark.parametrize("case", ERROR_CASES, ids=[c.finding for c in ERROR_CASES])
def test_the_twin_of_a_program_that_cannot_run_previews(seed_runs: SeedRuns, case: ErrorCase) -> None:
    resources = [r for r in case_resources(seed_runs.fixed, case.fixed) if r.custom]
    assert resources, f"the twin {case.fixed} declared no resource"


def test_the_entry_point_twins_share_the_unchanged_component() -> None:
    """001-1 is a mistake in tap.py only: faulty and fixed programs use the same lib/tap_stack.py."""
    faulty = ERRORS / "s001_entry_point" / "lib" / "tap_stack.py"
    fixed = FIXED / "cases" / "s001_entry_point" / "lib" / "tap_stack.py"
    assert faulty.read_text() == fixed.read_text()


@pytest.mark.parametrize("case", VALID_CASES, ids=[c.finding for c in VALID_CASES])
def test_valid_choices_a_review_questions_pass_both_ways(seed_runs: SeedRuns, case: ValidCase) -> None:
    for report, program in ((seed_runs.faulty, case.faulty), (seed_runs.fixed, case.fixed)):
        resources = case_resources(report, program)
        assert resources
        urns = {r.urn for r in resources}
        left = [v for v in findings(report) if v.policy in case.policies and v.urn in urns]
        assert not left, describe(left)


def test_no_report_repeats_a_literal_credential(seed_runs: SeedRuns) -> None:
    texts = [v.message + v.description for v in findings(seed_runs.faulty) + findings(seed_runs.fixed)]
    texts += list(seed_runs.errors.values())
    for literal in LITERAL_CREDENTIALS:
        assert not [t for t in texts if literal in t]


def test_every_case_program_belongs_to_a_case() -> None:
    faulty = {c.faulty for c in POLICY_CASES} | {c.faulty for c in VALID_CASES}
    fixed = ({c.fixed for c in POLICY_CASES} | {c.fixed for c in ERROR_CASES} | {c.fixed for c in VALID_CASES})
    errors = {c.program for c in ERROR_CASES}
    assert {p.name for p in (FAULTY / "cases").iterdir() if not p.name.startswith("__")} == faulty
    assert {p.name for p in (FIXED / "cases").iterdir() if not p.name.startswith("__")} == fixed
    assert {p.name for p in ERRORS.iterdir()} == errors


def test_finding_ids_are_unique() -> None:
    ids = [c.finding for group in (POLICY_CASES, ERROR_CASES, VALID_CASES, NOT_PREVIEW_TIME) for c in group]
    assert [i for i, n in Counter(ids).items() if n > 1] == []


def test_the_findings_table_lists_every_finding_with_what_catches_it() -> None:
    text = (REPO / "docs" / "seed-findings.md").read_text(encoding="utf-8")
    rows = {m.group(1): m.group(0) for m in re.finditer(r"^\| (\d{3}-\d+[a-z]?) \|.*$", text, re.MULTILINE)}
    for case in POLICY_CASES:
        row = rows.get(case.finding, "")
        assert case.faulty in row and all(f"`{p}`" in row for p in case.policies), (case.finding, row)
    for error in ERROR_CASES:
        row = rows.get(error.finding, "")
        assert error.program in row and "error" in row, (error.finding, row)
    for valid in VALID_CASES:
        row = rows.get(valid.finding, "")
        assert valid.faulty in row and all(f"`{p}`" in row for p in valid.policies), (valid.finding, row)
    for listed in NOT_PREVIEW_TIME:
        assert listed.finding in rows, listed.finding
    expected = {c.finding for g in (POLICY_CASES, ERROR_CASES, VALID_CASES, NOT_PREVIEW_TIME) for c in g}
    assert set(rows) == expected
