"""Text output shows "can't run policy" where the CLI shows it: an advisory line under Policies.

pulumi-policy reports a policy that touched an unknown value as an ADVISORY diagnostic
(pulumi/pulumi-policy `sdk/python/lib/pulumi_policy/policy.py`, the `UnknownValueError` handler of
`_PolicyAnalyzerServicer`), and the CLI prints diagnostics by level under "Policies:". The JSON report
keeps them apart in `unverifiable` and does not count them as advisory violations.
"""

from __future__ import annotations

import json

from preview_support import PACKS, PROGRAMS, run_cli_inprocess


def test_cant_run_policy_is_an_advisory_line_in_text_and_unverifiable_in_json() -> None:
    args = ("preview", "--cwd", str(PROGRAMS / "unknowns"), "--policy-pack", str(PACKS / "basic"), "--no-color")
    text = run_cli_inprocess(*args).stdout
    policies = text.split("Policies:", 1)[1].split("Summary:", 1)[0]
    line = next(row for row in policies.splitlines() if "rds-encrypted-test" in row)
    assert "[advisory]" in line and "(unverifiable during preview)" in line
    assert "can't run policy 'rds-encrypted-test'" in policies
    document = json.loads(run_cli_inprocess(*args, "--format", "json").stdout)
    assert [v["policy"] for v in document["unverifiable"]] == ["rds-encrypted-test"]
    assert document["summary"]["violations"]["advisory"] == 0
