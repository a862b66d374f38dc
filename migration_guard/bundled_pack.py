"""The bundled aws-migration-guard pack when migration-guard is installed from wheels.

A checkout has the pack folder `policy-pack/`. An installed migration-guard has only the library
(`migration_guard_policies`, a dependency), so the pack folder the Pulumi CLI would run is made from
it: `PulumiPolicy.yaml` (the library's version and description) and `__main__.py` (the same entry point
as `policy-pack/__main__.py`), written once per library version into the user's cache folder
(``MIGRATION_GUARD_CACHE``, else ``$XDG_CACHE_HOME/migration-guard``, else ``~/.cache/migration-guard``).
A test keeps these files equal to `policy-pack/`'s.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

MAIN_PY = '''"""Entry point the Pulumi CLI runs: `python -u -m pulumi.policy <engine> <this folder>`.

Nothing may be printed to stdout before the server writes its port: the CLI reads that line.
The pack serves pulumi-policy's protocol through its fast servicer (one conversion per request,
shared by every policy); see migration_guard_policies/compat/pulumi_policy.py.
"""

from migration_guard_policies.pack import serve_pack

serve_pack()
'''
REQUIREMENTS = "pulumi>=3.204,<4\npulumi-policy>=1.21,<1.22\nmigration-guard-policies\n"


def library_version() -> str:
    try:
        return version("migration-guard-policies")
    except PackageNotFoundError:
        return "0.0.0"


def manifest_text() -> str:
    """The pack runs in this tool's own environment (where the library is installed): its virtualenv is
    named, so the pack starts with it whichever `python3` is on PATH, as the Pulumi CLI would start it."""
    from migration_guard_policies.pack import DESCRIPTION

    runtime = "runtime: python\n"
    if sys.prefix != sys.base_prefix:  # installed in a virtualenv (pip in a venv, pipx)
        runtime = f"runtime:\n  name: python\n  options:\n    virtualenv: {json.dumps(sys.prefix)}\n"
    return f"{runtime}version: {library_version()}\ndescription: {json.dumps(DESCRIPTION)}\n"


def pack_files() -> dict[str, str]:
    return {"PulumiPolicy.yaml": manifest_text(), "__main__.py": MAIN_PY, "requirements.txt": REQUIREMENTS}


def cache_root() -> Path:
    explicit = os.environ.get("MIGRATION_GUARD_CACHE")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "migration-guard"


def _write_pack(directory: Path, files: dict[str, str]) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        target = directory / name
        if target.is_file() and target.read_text(encoding="utf-8") == content:
            continue
        partial = directory / f".{name}.{os.getpid()}.tmp"
        partial.write_text(content, encoding="utf-8")
        partial.replace(target)  # atomic: concurrent runs never see half a file


def materialise() -> Path:
    """The pack folder made from the installed library (created on first use)."""
    files = pack_files()
    digest = hashlib.sha256("\0".join(f"{k}\0{v}" for k, v in sorted(files.items())).encode()).hexdigest()[:12]
    name = f"aws-migration-guard-{library_version()}-{digest}"
    for root in (cache_root(), Path(tempfile.gettempdir()) / f"migration-guard-{os.getuid()}"):
        try:
            _write_pack(root / name, files)
        except OSError:
            continue
        return root / name
    raise OSError("cannot write the bundled pack folder to the cache or the temporary folder")
