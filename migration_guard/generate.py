"""Generate the pack's data files from the installed pulumi-aws SDK.

    python -m migration_guard.generate taggable       # data/taggable_types.json
    python -m migration_guard.generate deprecations   # data/deprecations.json
    python -m migration_guard.generate all
    python -m migration_guard.generate all --check    # exit 1 when a file is out of date

The pack never imports pulumi-aws (it is large, and the pack must stay self-contained when it is
published), so the facts it needs about the provider's types are read here from the SDK's source
files and bundled as JSON, with their provenance (pulumi-aws version and generation date).

The SDK is read as text, not imported: each resource module declares its type token with
``@pulumi.type_token("aws:...")``, its inputs as getters of the ``<Resource>Args`` input type
(``@pulumi.getter(name="camelName")``), a deprecated resource with a ``warnings.warn`` in its class
body, and a deprecated input with ``@_utilities.deprecated("...")`` on the input's getter.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent.parent / "policy-pack" / "migration_guard_policies" / "data"
TARGETS = {"taggable": "taggable_types.json", "deprecations": "deprecations.json"}
SDK_DISTRIBUTION = "pulumi_aws"

_TOKEN = re.compile(r'^@pulumi\.type_token\("(?P<token>aws:[^"]+)"\)\nclass (?P<cls>\w+)\(pulumi\.CustomResource\):\n'
                    r'(?:    warnings\.warn\("""(?P<deprecated>.*?)""", DeprecationWarning\)\n)?', re.M | re.S)
_ARGS_CLASS = re.compile(r"^@pulumi\.input_type\nclass (?P<cls>\w+)Args:\n(?P<body>.*?)(?=^\S)", re.M | re.S)
_GETTER = re.compile(
    r'    @pulumi\.getter(?:\(name="(?P<name>\w+)"\))?\n'
    r'(?:    @_utilities\.deprecated\("""(?P<deprecated>.*?)"""\)\n)?'
    r"    def (?P<py>\w+)\(self\) -> (?P<annotation>[^:\n]+):",
    re.S,
)
# "s3.BucketV2 has been deprecated in favor of s3.Bucket",
# "aws.s3/bucketloggingv2.BucketLoggingV2 has been deprecated in favor of aws.s3/bucketlogging.BucketLogging"
_IN_FAVOR_OF = re.compile(r"in favor of (?:aws\.)?(?P<module>[a-z0-9]+)(?:/[a-z0-9]+)?\.(?P<cls>[A-Z]\w*)")
# "acl is deprecated. Use the s3.BucketAcl resource instead."
_RESOURCE_MENTION = re.compile(r"\b(?:aws\.)?(?P<module>[a-z0-9]+)(?:/[a-z0-9]+)?\.(?P<cls>[A-Z]\w*)\b")


@dataclass
class Resource:
    token: str
    module: str  # the SDK's Python module (s3, rds, ...)
    cls: str
    deprecated: str | None = None
    inputs: dict[str, str] = field(default_factory=dict)  # engine name -> type annotation
    deprecated_inputs: dict[str, str] = field(default_factory=dict)  # engine name -> message


def sdk_root() -> Path:
    import pulumi_aws  # only the generator imports the SDK, to find it

    return Path(pulumi_aws.__file__).resolve().parent


def sdk_version() -> str:
    return metadata.version(SDK_DISTRIBUTION)


def _resource_files(root: Path) -> Iterator[Path]:
    skip = {"__init__.py", "_inputs.py", "outputs.py", "_enums.py", "_utilities.py", "provider.py"}
    for path in sorted(root.rglob("*.py")):
        if path.name in skip or path.name.startswith("get_") or "__pycache__" in path.parts:
            continue
        yield path


def scan(root: Path | None = None) -> list[Resource]:
    """Every resource type of the SDK with its inputs and deprecations, sorted by token."""
    return list(_scan(root or sdk_root()))


@cache
def _scan(root: Path) -> tuple[Resource, ...]:
    found: list[Resource] = []
    for path in _resource_files(root):
        text = path.read_text(encoding="utf-8")
        if "@pulumi.type_token(" not in text:
            continue
        # lambda_ is the Python spelling of the lambda module (messages say "lambda.Function")
        module = ".".join(part.rstrip("_") for part in path.relative_to(root).parts[:-1])
        args_bodies = {m["cls"]: m["body"] for m in _ARGS_CLASS.finditer(text)}
        for match in _TOKEN.finditer(text):
            resource = Resource(match["token"], module, match["cls"], _clean(match["deprecated"]))
            for getter in _GETTER.finditer(args_bodies.get(match["cls"], "")):
                name = getter["name"] or getter["py"]
                resource.inputs[name] = getter["annotation"].strip()
                if getter["deprecated"]:
                    resource.deprecated_inputs[name] = _clean(getter["deprecated"]) or ""
            found.append(resource)
    return tuple(sorted(found, key=lambda r: r.token))


def _clean(message: str | None) -> str | None:
    return " ".join(message.split()) if message else None


def _provenance(kind: str) -> dict[str, Any]:
    return {
        "source": f"installed pulumi-aws SDK ({kind}), read by `python -m migration_guard.generate`",
        "pulumiAwsVersion": sdk_version(),
        "generated": dt.datetime.now(dt.timezone.utc).date().isoformat(),
    }


def tags_shape(annotation: str) -> str | None:
    """'map' for a tag map, 'list' for a list of key/value objects, None for anything else."""
    if "Mapping[" in annotation:
        return "map"
    if "Sequence[" in annotation and "Args" in annotation:
        return "list"
    return None


def taggable(resources: list[Resource]) -> dict[str, Any]:
    types: dict[str, str] = {}
    for resource in resources:
        annotation = resource.inputs.get("tags")
        shape = tags_shape(annotation) if annotation else None
        if shape:
            types[resource.token] = shape
    return {
        **_provenance("resource types whose inputs have `tags`"),
        "description": "Type tokens whose inputs have `tags`: 'map' of key to value, or 'list' of key/value objects.",
        "types": types,
    }


def _resolve(module: str, cls: str, index: dict[tuple[str, str], str]) -> str | None:
    return index.get((module, cls))


def deprecations(resources: list[Resource]) -> dict[str, Any]:
    index = {(r.module, r.cls): r.token for r in resources}
    types: dict[str, dict[str, Any]] = {}
    inputs: dict[str, dict[str, dict[str, Any]]] = {}
    for resource in resources:
        if resource.deprecated:
            favor = _IN_FAVOR_OF.search(resource.deprecated)
            types[resource.token] = {
                "message": resource.deprecated,
                "replacement": _resolve(favor["module"], favor["cls"], index) if favor else None,
            }
        for name, message in sorted(resource.deprecated_inputs.items()):
            replacement = None
            for mention in _RESOURCE_MENTION.finditer(message):
                replacement = _resolve(mention["module"], mention["cls"], index)
                if replacement:
                    break
            inputs.setdefault(resource.token, {})[name] = {"message": message, "replacement": replacement}
    return {
        **_provenance("deprecated resource types and inputs"),
        "description": (
            "Resource types and top-level inputs the pulumi-aws SDK marks deprecated, with the SDK's "
            "message and, where the message names one, the replacement type token."
        ),
        "types": types,
        "inputs": inputs,
    }


GENERATORS = {"taggable": taggable, "deprecations": deprecations}


def render(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, sort_keys=True) + "\n"


def comparable(data: dict[str, Any]) -> dict[str, Any]:
    """The content without the generation date (what `--check` compares)."""
    return {k: v for k, v in data.items() if k != "generated"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m migration_guard.generate", description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=[*GENERATORS, "all"])
    parser.add_argument("--check", action="store_true", help="do not write; exit 1 when a file is out of date")
    parser.add_argument("--output-dir", type=Path, default=DATA_DIR)
    options = parser.parse_args(argv)
    resources = scan()
    names = list(GENERATORS) if options.what == "all" else [options.what]
    stale = False
    for name in names:
        data = GENERATORS[name](resources)
        target = options.output_dir / TARGETS[name]
        if options.check:
            try:
                current = json.loads(target.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                current = None
            if current is None or comparable(current) != comparable(data):
                print(f"{target} is out of date: run python -m migration_guard.generate {name}")
                stale = True
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render(data), encoding="utf-8")
        print(f"wrote {target} (pulumi-aws {data['pulumiAwsVersion']})")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
