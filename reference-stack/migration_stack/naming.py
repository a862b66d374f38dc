"""Names and tags: every name carries the environment suffix, every taggable resource the same tags."""

from __future__ import annotations

from dataclasses import dataclass

MANAGED_BY = "Pulumi"
COMPONENT_PACKAGE = "migrationguard:reference"


@dataclass(frozen=True)
class Naming:
    """Builds physical/logical names (``<prefix>-<parts>-<suffix>``) and the common tags."""

    prefix: str
    suffix: str
    project: str

    def name(self, *parts: str) -> str:
        """Hyphenated name, e.g. ``migration-aurora-1-dev``: valid for RDS, DMS, IAM, SNS, alarms."""
        return "-".join([self.prefix, *[p for p in parts if p], self.suffix])

    def path(self, *parts: str) -> str:
        """Slash-separated name for secrets and log groups, e.g. ``migration/dev/dms/source``."""
        return "/".join([self.prefix, self.suffix, *[p for p in parts if p]])

    def tags(self, name: str | None = None, **extra: str) -> dict[str, str]:
        """The required tags (Environment, ManagedBy, Project), plus Name and any extra tags."""
        tags = {"Environment": self.suffix, "ManagedBy": MANAGED_BY, "Project": self.project}
        if name:
            tags["Name"] = name
        tags.update(extra)
        return tags


def component_type(kind: str) -> str:
    """Type token of a component resource of this stack."""
    return f"{COMPONENT_PACKAGE}:{kind}"
