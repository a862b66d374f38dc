"""dms-engine-version-supported: DMS replication instances run a non-deprecated engine and upgrade minors."""

from __future__ import annotations

from ...context import ResourceCheck
from ...examples import Example, unknown
from ...spec import Family, Framework, ResourcePolicySpec
from ...types import DMS_REPLICATION_INSTANCE
from ._catalog import provenance_note, sort_versions
from ._common import AS_OF, ECHOES, as_of, catalog_of, is_unset, version_text


def _current(day_versions: list[str]) -> str:
    return ", ".join(day_versions) if day_versions else "none in the catalog"


def check(r: ResourceCheck) -> None:
    day = as_of(r)
    dms = catalog_of(r).dms
    current = sort_versions(v for v, entry in dms.items() if not entry.deprecated_on(day))
    where = provenance_note(catalog_of(r).dms_source)

    auto = r.props.get("autoMinorVersionUpgrade")
    why = "without automatic upgrades a deprecated engine is force-upgraded at AWS's time"
    if not r.check_unknown(auto, why) and not auto.is_true():
        r.violation(
            "autoMinorVersionUpgrade is not explicitly true (an omitted value is sent as false by the provider): the "
            "replication instance keeps its engine until DMS force-upgrades it. Set autoMinorVersionUpgrade: true."
        )

    version_read = r.props.get("engineVersion")
    if is_unset(version_read) or r.check_unknown(version_read, "DMS refuses deprecated engine versions for new instances"):
        return
    version = version_text(version_read)
    entry = dms.get(version or "")
    if version is None or entry is None:
        r.violation(
            f"engineVersion {version or '(not a string)'} is not a DMS replication engine version; current versions: "
            f"{_current(current)} ({where}). Set one of them or leave engineVersion out for the default."
        )
        return
    if entry.deprecated_on(day):
        since = f" (no new instances after {entry.deprecation_date.isoformat()})" if entry.deprecation_date else ""
        r.violation(
            f"engineVersion {version} is deprecated by DMS{since}; current versions: {_current(current)} ({where}). "
            "Upgrade the replication instance (allowMajorVersionUpgrade for 3.5 to 3.6)."
        )


SPEC = ResourcePolicySpec(
    name="dms-engine-version-supported",
    description="DMS replication instances run a non-deprecated engine version and apply minor upgrades automatically.",
    family=Family.VERSIONS,
    severity="medium",
    level="mandatory",
    resource_types=(DMS_REPLICATION_INSTANCE,),
    rule=(
        "`engineVersion`, when set, is a DMS engine version that is not deprecated on the evaluation date (`asOf`, "
        "default today: lifecycle deprecated, or its no-new-instance date has passed); `autoMinorVersionUpgrade` is "
        "explicitly true (an omitted value is sent as false by the provider)."
    ),
    unknown_handling="unverifiable (engineVersion, autoMinorVersionUpgrade)",
    remediation=(
        "1. Pick a current engine from the AWS DMS release notes (or `aws dms describe-engine-versions`).\n"
        "2. Set `engine_version=\"3.6.1\"` and `auto_minor_version_upgrade=True` on the aws.dms.ReplicationInstance; "
        "moving from 3.5.x to 3.6.x also needs `allow_major_version_upgrade=True`.\n"
        "3. Stop running tasks before upgrading an existing replication instance."
    ),
    framework=Framework("AWS Config managed rule", "dms-auto-minor-version-upgrade-check"),
    refs=("CKV_AWS_222", "dms-auto-minor-version-upgrade-check"),
    settings=(AS_OF,),
    echoes=ECHOES,
    check=check,
    examples=(
        Example(
            "Current engine with automatic minor upgrades",
            {"engineVersion": "3.6.1", "autoMinorVersionUpgrade": True},
            "pass",
            config={"asOf": "2026-11-22"},
        ),
        Example(
            "Engine left to the DMS default, automatic minor upgrades on",
            {"autoMinorVersionUpgrade": True},
            "pass",
            config={"asOf": "2026-11-22"},
        ),
        Example(
            "Deprecated engine 3.5.4",
            {"engineVersion": "3.5.4", "autoMinorVersionUpgrade": True},
            "fail",
            config={"asOf": "2026-11-22"},
            mentions=("3.5.4", "3.6.1"),
        ),
        Example(
            "autoMinorVersionUpgrade omitted (sent as false)",
            {"engineVersion": "3.6.1"},
            "fail",
            config={"asOf": "2026-11-22"},
            mentions=("autoMinorVersionUpgrade",),
        ),
        Example(
            "Version that never existed",
            {"engineVersion": "3.9.9", "autoMinorVersionUpgrade": True},
            "fail",
            config={"asOf": "2026-11-22"},
            mentions=("3.9.9",),
        ),
        Example(
            "Engine version from a stack reference",
            {"engineVersion": unknown(), "autoMinorVersionUpgrade": True},
            "unverifiable",
            config={"asOf": "2026-11-22"},
        ),
    ),
)
