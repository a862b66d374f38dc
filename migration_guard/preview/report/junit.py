"""`junit` format: one test suite per policy pack, one test case per policy and resource (no timestamps).

A policy with findings has one test case per resource it reported on (``<policy> <resource name>``): a
mandatory violation is a failure, an exempted finding is skipped with the exemption's reason and expiry,
advisory and unverifiable findings pass with their text in ``system-out``. A policy without findings is
one passing test case named after the policy. Errors of the run form a suite of their own.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..model import PackInfo, Report, Violation


def _describe(v: Violation) -> str:
    where = f" at {v.source}" if v.source else ""
    tag = "unverifiable" if v.unverifiable else v.enforcement_level
    return f"[{tag}] {v.type} {v.name}{where} ({v.urn})\n{v.message}"


def _exempted(v: Violation) -> bool:
    return v.exemption is not None and not v.exemption.expired


def _case_name(policy: str, v: Violation, ambiguous: bool) -> str:
    """``<policy> <resource name>``, with the type when two resources of the policy share a name."""
    if not v.name:
        return f"{policy} (stack)"
    return f"{policy} {v.name} ({v.type})" if ambiguous else f"{policy} {v.name}"


def _resource_case(suite: ET.Element, pack: PackInfo, policy: str, items: list[Violation], ambiguous: bool) -> bool:
    """One test case for one policy on one resource; True when it failed."""
    case = ET.SubElement(suite, "testcase", classname=f"{pack.name}.{policy}",
                         name=_case_name(policy, items[0], ambiguous))
    exempted = [v for v in items if _exempted(v)]
    mandatory = [v for v in items if v.enforcement_level == "mandatory" and not v.unverifiable and not _exempted(v)]
    if mandatory:
        failure = ET.SubElement(case, "failure", message=f"{len(mandatory)} mandatory violation(s)", type="mandatory")
        failure.text = "\n\n".join(_describe(v) for v in mandatory)
    elif exempted:
        ET.SubElement(case, "skipped", message=exempted[0].message)
    others = [v for v in items if v not in mandatory and v not in exempted]
    if others:
        ET.SubElement(case, "system-out").text = "\n\n".join(_describe(v) for v in others)
    return bool(mandatory)


def _pack_suite(root: ET.Element, pack: PackInfo, findings: dict[tuple[str, str], dict[str, list[Violation]]]) -> tuple[int, int, int]:
    suite = ET.SubElement(root, "testsuite", name=f"{pack.name}@v{pack.version}")
    tests = failures = skipped = 0
    for policy in pack.policies:
        by_resource = findings.get((pack.name, policy.name), {})
        if not by_resource:
            ET.SubElement(suite, "testcase", classname=f"{pack.name}.{policy.name}", name=policy.name)
            tests += 1
            continue
        names = [items[0].name for items in by_resource.values()]
        for urn in sorted(by_resource):
            items = sorted(by_resource[urn], key=lambda v: v.sort_key())
            tests += 1
            if _resource_case(suite, pack, policy.name, items, names.count(items[0].name) > 1):
                failures += 1
            elif suite[-1].find("skipped") is not None:
                skipped += 1
    for key, value in (("tests", tests), ("failures", failures), ("errors", 0), ("skipped", skipped)):
        suite.set(key, str(value))
    return tests, failures, skipped


def render(report: Report) -> str:
    findings: dict[tuple[str, str], dict[str, list[Violation]]] = {}
    for v in [*report.violations, *report.unverifiable, *report.exempted]:
        findings.setdefault((v.policy_pack, v.policy), {}).setdefault(v.urn, []).append(v)
    root = ET.Element("testsuites", name=f"migration-guard {report.command} {report.project} ({report.stack})")
    total_tests = total_failures = total_skipped = 0
    for pack in report.packs:
        tests, failures, skipped = _pack_suite(root, pack, findings)
        total_tests += tests
        total_failures += failures
        total_skipped += skipped
    errors = len(report.errors)
    if report.errors:
        suite = ET.SubElement(root, "testsuite", name="migration-guard", tests=str(errors),
                              failures="0", errors=str(errors), skipped="0")
        for index, message in enumerate(report.errors):
            case = ET.SubElement(suite, "testcase", classname="migration-guard", name=f"error-{index + 1}")
            ET.SubElement(case, "error", message=message.splitlines()[0] if message else "error").text = message
        total_tests += errors
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", str(errors))
    root.set("skipped", str(total_skipped))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
