"""`migration-guard vendor DIR`: copy the migration_guard_policies library into a pack folder.

`pulumi policy publish` uploads only the pack's folder, and Pulumi Cloud installs only what its
requirements.txt lists, so a pack composed from the library must carry the library inside it. The
copy is the installed library's package (Python files, its data with source and date, py.typed),
without caches. Run it again after upgrading the library; `--check` exits 1 when the copy differs.
"""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", "*.pyo", "*.egg-info")
PACKAGE = "migration_guard_policies"


class VendorError(Exception):
    pass


def library_dir() -> Path:
    import migration_guard_policies

    return Path(migration_guard_policies.__file__).resolve().parent


def _files(root: Path) -> set[str]:
    return {
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix not in (".pyc", ".pyo")
    }


def differences(pack_dir: Path) -> list[str]:
    """Files that differ between the installed library and the pack's copy ([] when up to date)."""
    source, copy = library_dir(), pack_dir / PACKAGE
    if not copy.is_dir():
        return [f"{PACKAGE}/ (missing)"]
    left, right = _files(source), _files(copy)
    changed = sorted(left ^ right)
    changed += sorted(f for f in left & right if not filecmp.cmp(source / f, copy / f, shallow=False))
    return [f"{PACKAGE}/{f}" for f in sorted(set(changed))]


def vendor(pack_dir: Path) -> int:
    """Copy the library into ``pack_dir``; the number of files copied."""
    if not (pack_dir / "PulumiPolicy.yaml").is_file():
        raise VendorError(f"{pack_dir}: no PulumiPolicy.yaml there (not a policy pack folder)")
    source, target = library_dir(), pack_dir / PACKAGE
    if source == target.resolve():
        raise VendorError(f"{pack_dir}: the library already lives here")
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target, ignore=IGNORED)
    return len(_files(target))


def requirements_warning(pack_dir: Path) -> str | None:
    requirements = pack_dir / "requirements.txt"
    if not requirements.is_file():
        return f"note: {requirements} is missing: list pulumi and pulumi-policy there"
    names = requirements.read_text(encoding="utf-8").lower()
    if "migration-guard-policies" in names or "migration_guard_policies" in names:
        return (f"note: {requirements} lists migration-guard-policies; the vendored copy replaces it, "
                "remove that line")
    return None
