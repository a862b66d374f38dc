"""What the MigrationGuard library declares about each policy, for listings, selection and reports.

Checkov ids and AWS Config rule names come from each declaration's ``refs`` and ``framework``: a ref
shaped like ``CKV_AWS_16`` / ``CKV2_AWS_49`` is a Checkov check; the framework "AWS Config managed rule"
and refs shaped like AWS Config rule identifiers (lower-case words joined by hyphens) name AWS Config
managed rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from migration_guard_policies.spec import SECURITY_TAG

CHECKOV_ID = re.compile(r"^CKV2?_AWS_\d+$")
AWS_CONFIG_RULE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)+$")
AWS_CONFIG_FRAMEWORK = "AWS Config managed rule"
SECURITY_FAMILIES = frozenset({"encryption", "secrets", "versions"})
"""Families whose policies are security controls (SARIF `security` tag): not naming, tagging or operations
in general. A policy of another family is a security control when it carries the tag ``security``."""


@dataclass(frozen=True)
class PolicyEntry:
    name: str
    family: str
    level: str
    severity: str
    kind: str
    description: str
    rule: str
    remediation: str
    checkov_ids: tuple[str, ...]
    aws_config_rules: tuple[str, ...]
    tags: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "family": self.family,
            "level": self.level,
            "severity": self.severity,
            "type": self.kind,
            "description": self.description,
            "checkov": list(self.checkov_ids),
            "awsConfig": list(self.aws_config_rules),
        }


def _framework_reference(spec: Any) -> str:
    framework = getattr(spec, "framework", None)
    if framework is None or getattr(framework, "name", "") != AWS_CONFIG_FRAMEWORK:
        return ""
    return str(getattr(framework, "reference", "") or "")


def entry_for(spec: Any) -> PolicyEntry:
    refs = [str(r) for r in getattr(spec, "refs", ()) or ()]
    aws_config = [_framework_reference(spec)] + [r for r in refs if AWS_CONFIG_RULE.match(r)]
    family = getattr(spec, "family", "")
    return PolicyEntry(
        name=spec.name,
        family=str(getattr(family, "value", family)),
        level=str(spec.level),
        severity=str(spec.severity),
        kind=str(getattr(spec, "kind", "")),
        description=spec.description,
        rule=str(getattr(spec, "rule", "") or ""),
        remediation=str(getattr(spec, "remediation", "") or ""),
        checkov_ids=tuple(dict.fromkeys(r for r in refs if CHECKOV_ID.match(r))),
        aws_config_rules=tuple(dict.fromkeys(r for r in aws_config if r)),
        tags=tuple(str(t) for t in getattr(spec, "tags", ()) or ()),
    )


def library_entries() -> list[PolicyEntry]:
    """Every policy the installed migration_guard_policies library declares, sorted by family and name."""
    from migration_guard_policies import all_specs

    return sorted((entry_for(s) for s in all_specs()), key=lambda e: (e.family, e.name))


def by_name(entries: Iterable[PolicyEntry]) -> dict[str, PolicyEntry]:
    return {e.name: e for e in entries}


def is_security(family: str, tags: Iterable[str]) -> bool:
    return family in SECURITY_FAMILIES or SECURITY_TAG in set(tags)


def matches(token: str, name: str, family: str, tags: Iterable[str], entry: PolicyEntry | None) -> bool:
    """A --policy / --skip-policy token names this policy: its name, its family or one of its Checkov ids."""
    wanted = token.strip()
    if wanted in (name, family) or wanted in set(tags):
        return True
    return entry is not None and wanted.upper() in entry.checkov_ids


def unknown_tokens(tokens: Iterable[str], known: Mapping[str, PolicyEntry], extra_names: Iterable[str]) -> list[str]:
    """Tokens that name no policy, family or Checkov id of the library or the packs."""
    vocabulary = set(extra_names) | set(known)
    vocabulary |= {e.family for e in known.values()}
    vocabulary |= {c for e in known.values() for c in e.checkov_ids}
    return sorted(t for t in tokens if t.strip() not in vocabulary and t.strip().upper() not in vocabulary)
