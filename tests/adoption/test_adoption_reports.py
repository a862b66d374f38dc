"""Reports people can trust: stable SARIF fingerprints, honest tags, docs links, suppressions for
exemptions, one JUnit test case per policy and resource, a bounded markdown summary, and exempted or
expired-exemption findings visible in every format. Run through the real bundled pack."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import replace

from adoption_support import BundledRun, validate_sarif

from migration_guard.preview.model import ExemptionNote, Report, SourceLocation, Violation
from migration_guard.preview.report import RenderOptions, render
from migration_guard.preview.report.baseline import fingerprint
from migration_guard.preview.report.exemptions import parse_exempted, parse_expired
from migration_guard.preview.report.markdown import LIMIT
from migration_guard.preview.report.sarif import SECURITY_SEVERITY

ACTIVE_REASON = "legacy volume, re-encrypted at cutover (JIRA-1)"


def _sarif_results(run: BundledRun) -> list[dict]:
    return validate_sarif(run.report("sarif"))["runs"][0]["results"]


def test_the_run_fails_on_mandatory_violations_and_writes_every_report(bundled_run: BundledRun) -> None:
    assert bundled_run.code == 1, bundled_run.stderr
    assert "Result: FAILED" in bundled_run.stdout  # --format text still goes to stdout
    assert "\033[" not in bundled_run.stdout
    for fmt in ("json", "sarif", "junit", "markdown"):
        assert bundled_run.report(fmt)
    assert json.loads(bundled_run.report("json"))["summary"]["exitCode"] == 1


def test_active_exemption_is_visible_as_exempted_in_every_format(bundled_run: BundledRun) -> None:
    document = json.loads(bundled_run.report("json"))
    exempted = [e for e in document["exempted"] if e["policy"] == "rds-storage-encrypted"]
    assert [e["name"] for e in exempted] == ["orders-dev-instance"]
    assert exempted[0]["exemption"] == {"reason": ACTIVE_REASON, "expires": "2099-12-31", "expired": False,
                                        "resource": None}
    assert not [v for v in document["violations"]
                if v["policy"] == "rds-storage-encrypted" and v["name"] == "orders-dev-instance"]
    suppressed = [r for r in _sarif_results(bundled_run) if r.get("suppressions")]
    assert len(suppressed) == 1
    assert suppressed[0]["suppressions"] == [
        {"kind": "external", "status": "accepted", "justification": f"exempted until 2099-12-31: {ACTIVE_REASON}"}
    ]
    root = ET.fromstring(bundled_run.report("junit"))
    skipped = [c for c in root.iter("testcase") if c.find("skipped") is not None]
    assert [c.get("name") for c in skipped] == ["rds-storage-encrypted orders-dev-instance"]
    assert "2099-12-31" in skipped[0].find("skipped").get("message")  # type: ignore[union-attr]
    markdown = bundled_run.report("markdown")
    assert f"| `aws-migration-guard/rds-storage-encrypted` | `aws:rds/instance:Instance` orders-dev-instance | {ACTIVE_REASON} | 2099-12-31 |" in markdown
    assert "[exempted]" in bundled_run.stdout and ACTIVE_REASON in bundled_run.stdout


def test_expired_exemption_is_reported_as_expired(bundled_run: BundledRun) -> None:
    document = json.loads(bundled_run.report("json"))
    expired = [v for v in document["violations"] if v["policy"] == "rds-instance-multi-az" and v["name"] == "orders-dev-instance"]
    assert len(expired) == 1
    assert expired[0]["enforcementLevel"] == "mandatory"
    assert expired[0]["exemption"]["expired"] is True
    assert expired[0]["exemption"]["expires"] == "2020-01-01"
    assert expired[0]["exemption"]["resource"] == "orders-dev-instance"
    sarif = [r for r in _sarif_results(bundled_run) if r["ruleId"].endswith("/rds-instance-multi-az")
             and r["locations"][0]["logicalLocations"][0]["name"] == "orders-dev-instance"]
    assert sarif[0]["properties"]["exemption"]["expired"] is True and "suppressions" not in sarif[0]
    assert "expired on 2020-01-01" in bundled_run.report("markdown")
    assert "expired on 2020-01-01" in bundled_run.stdout
    failing = [c for c in ET.fromstring(bundled_run.report("junit")).iter("testcase")
               if c.get("name") == "rds-instance-multi-az orders-dev-instance"]
    assert failing[0].find("failure") is not None


def test_sarif_rules_tags_docs_and_automation(bundled_run: BundledRun) -> None:
    run = validate_sarif(bundled_run.report("sarif"))["runs"][0]
    assert run["automationDetails"]["id"] == "migration-guard/preview-violations/dev/"
    rules = {r["name"]: r for r in run["tool"]["driver"]["rules"]}
    assert "security" in rules["rds-storage-encrypted"]["properties"]["tags"]
    assert "security-severity" in rules["rds-storage-encrypted"]["properties"]
    for name in ("resource-name-environment-suffix", "required-tags"):  # naming and tagging are not security
        assert "security" not in rules[name]["properties"]["tags"]
        assert "security-severity" not in rules[name]["properties"]
    # Public access is a security control although its family (operations) is not a security family.
    for name in ("dms-replication-instance-not-public", "redshift-cluster-not-public", "rds-not-publicly-accessible",
                 "security-group-no-public-database-ingress"):
        assert rules[name]["properties"]["family"] == "operations"
        assert "security" in rules[name]["properties"]["tags"], name
        assert rules[name]["properties"]["security-severity"] == SECURITY_SEVERITY[rules[name]["properties"]["severity"]]
    assert "security" not in rules["rds-backup-retention"]["properties"]["tags"]  # operations, not security
    encrypted = rules["rds-storage-encrypted"]
    from migration_guard_policies import all_specs

    spec = next(s for s in all_specs() if s.name == "rds-storage-encrypted")
    assert encrypted["fullDescription"]["text"] == spec.rule
    assert encrypted["help"]["text"] == spec.remediation
    assert "**Remediation**" in encrypted["help"]["markdown"]
    assert "CKV_AWS_16" in encrypted["properties"]["checkov"]
    assert encrypted["properties"]["awsConfig"] == ["rds-storage-encrypted"]


def test_help_uri_uses_the_configured_docs_base(bundled_run: BundledRun) -> None:
    rules = validate_sarif(bundled_run.report("sarif"))["runs"][0]["tool"]["driver"]["rules"]
    assert rules and not [r for r in rules if "helpUri" in r]  # no base given: no made-up organisation
    base = "https://git.example.test/platform/guard/blob/main/docs/policies.md"
    report = _small_report()
    rule = json.loads(render(report, "sarif", RenderOptions(docs_url=base)))["runs"][0]["tool"]["driver"]["rules"][0]
    assert rule["helpUri"] == f"{base}#p"
    unconfigured = json.loads(render(report, "sarif"))["runs"][0]["tool"]["driver"]["rules"][0]
    assert "helpUri" not in unconfigured  # the test pack declares no URL: no made-up link


def test_fingerprints_come_from_policy_and_resource_only(bundled_run: BundledRun) -> None:
    results = [r for r in _sarif_results(bundled_run) if not r.get("suppressions")]
    prints = [r["partialFingerprints"]["migrationGuardFinding/v2"] for r in results]
    assert len(prints) == len(results)
    violation = _violation()
    assert fingerprint(violation) == fingerprint(replace(violation, message="reworded on another day"))
    assert fingerprint(violation) == fingerprint(replace(violation, source=SourceLocation("moved.py", 99)))
    assert fingerprint(violation) != fingerprint(replace(violation, urn=violation.urn + "-other"))
    assert fingerprint(violation) != fingerprint(replace(violation, policy="other-policy"))


def test_junit_has_one_testcase_per_policy_and_resource(bundled_run: BundledRun) -> None:
    document = json.loads(bundled_run.report("json"))
    mandatory_pairs = {(v["policy"], v["urn"]) for v in document["violations"] if v["enforcementLevel"] == "mandatory"}
    root = ET.fromstring(bundled_run.report("junit"))
    assert int(root.get("failures", "0")) == len(mandatory_pairs)
    failing = [c for c in root.iter("testcase") if c.find("failure") is not None]
    assert len(failing) == len(mandatory_pairs)
    names = [c.get("name") for c in root.iter("testcase")]
    assert len(names) == len(set(names))
    policies = {p["name"] for pack in document["policyPacks"] for p in pack["policies"]}
    assert policies <= {n.split(" ")[0] for n in names if n}  # every policy has a test case


def test_markdown_stays_within_the_comment_limit_with_the_summary_first() -> None:
    report = _small_report()
    report.violations = [
        replace(_violation(), urn=f"urn:pulumi:dev::p::aws:s3/bucket:Bucket::b{i}", name=f"bucket-{i:04d}",
                message="x" * 300 + f" {i}", policy=f"policy-{i % 3}")
        for i in range(2_000)
    ]
    text = render(report, "markdown")
    assert len(text) <= LIMIT
    assert text.startswith("## MigrationGuard preview")
    assert text.index("| Resources |") < text.index("### Violations")
    assert "entries were left out" in text.split("### Violations")[0]
    for policy in ("policy-0", "policy-1", "policy-2"):
        assert text.count(f"#### `pack/{policy}`") <= 1
    assert text.count("Buckets are encrypted.") <= 3  # the description once per policy, not per row
    small = render(_small_report(), "markdown")
    assert "left out" not in small


def test_text_colour_only_when_asked() -> None:
    report = _small_report()
    report.violations = [_violation()]
    assert "\033[31m[mandatory]\033[0m" in render(report, "text", RenderOptions(color=True))
    assert "\033[" not in render(report, "text")


def test_exemption_convention_parsing() -> None:
    note, urn = parse_exempted("exempted until 2027-03-31: decommissioned in Q1") or (None, "")
    assert note == ExemptionNote(reason="decommissioned in Q1", expires="2027-03-31") and urn == ""
    stack_note = parse_exempted("exempted urn:pulumi:dev::p::aws:s3/bucket:Bucket::b: legacy")
    assert stack_note is not None and stack_note[1] == "urn:pulumi:dev::p::aws:s3/bucket:Bucket::b"
    assert parse_exempted("no resource of this type") is None
    expired = parse_expired("x is off (exemption 'legacy-*' expired on 2026-01-31 and no longer applies: old db)")
    assert expired == ExemptionNote(reason="old db", expires="2026-01-31", expired=True, resource_pattern="legacy-*")
    assert parse_expired("an ordinary message") is None


def _violation() -> Violation:
    return Violation(policy_pack="pack", policy_pack_version="1", policy="p", enforcement_level="mandatory",
                     severity="high", urn="urn:pulumi:dev::p::aws:s3/bucket:Bucket::b", type="aws:s3/bucket:Bucket",
                     name="b", message="bucket b is not encrypted", description="Buckets are encrypted.",
                     source=SourceLocation("__main__.py", 3))


def _small_report() -> Report:
    from migration_guard.preview.model import PackInfo, PolicyInfo

    pack = PackInfo(name="pack", version="1", directory=".",
                    policies=[PolicyInfo(name="p", description="Buckets are encrypted.", enforcement_level="mandatory",
                                         severity="high", policy_type="resource", tags=["encryption"])])
    return Report(command="preview", project="p", stack="dev", resources=[], packs=[pack], violations=[],
                  unverifiable=[], remediations=[])
