"""`junit` format: one test suite per policy pack, one test case per policy (no timestamps)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..model import Report, Violation


def _describe(v: Violation) -> str:
    where = f" at {v.source}" if v.source else ""
    return f"[{v.enforcement_level if not v.unverifiable else 'unverifiable'}] {v.type} {v.name}{where} ({v.urn})\n{v.message}"


def render(report: Report) -> str:
    findings: dict[tuple[str, str], list[Violation]] = {}
    for v in [*report.violations, *report.unverifiable]:
        findings.setdefault((v.policy_pack, v.policy), []).append(v)
    root = ET.Element("testsuites", name=f"migration-guard {report.command} {report.project} ({report.stack})")
    total_tests = total_failures = 0
    for pack in report.packs:
        suite = ET.SubElement(root, "testsuite", name=f"{pack.name}@v{pack.version}")
        failures = 0
        for policy in pack.policies:
            case = ET.SubElement(suite, "testcase", classname=pack.name, name=policy.name)
            items = sorted(findings.get((pack.name, policy.name), []), key=lambda v: v.sort_key())
            mandatory = [v for v in items if v.enforcement_level == "mandatory" and not v.unverifiable]
            if mandatory:
                failures += 1
                failure = ET.SubElement(
                    case, "failure", message=f"{len(mandatory)} mandatory violation(s)", type="mandatory"
                )
                failure.text = "\n\n".join(_describe(v) for v in mandatory)
            others = [v for v in items if v not in mandatory]
            if others:
                ET.SubElement(case, "system-out").text = "\n\n".join(_describe(v) for v in others)
        suite.set("tests", str(len(pack.policies)))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        suite.set("skipped", "0")
        total_tests += len(pack.policies)
        total_failures += failures
    errors = 0
    if report.errors:
        suite = ET.SubElement(root, "testsuite", name="migration-guard", tests=str(len(report.errors)),
                              failures="0", errors=str(len(report.errors)), skipped="0")
        for index, message in enumerate(report.errors):
            case = ET.SubElement(suite, "testcase", classname="migration-guard", name=f"error-{index + 1}")
            ET.SubElement(case, "error", message=message.splitlines()[0] if message else "error").text = message
        errors = len(report.errors)
        total_tests += errors
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", str(errors))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
