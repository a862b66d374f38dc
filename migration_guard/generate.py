"""Generate the pack's data files from the installed pulumi-aws SDK.

    python -m migration_guard.generate taggable       # data/taggable_types.json
    python -m migration_guard.generate deprecations   # data/deprecations.json
    python -m migration_guard.generate all
    python -m migration_guard.generate all --check    # exit 1 when a file is out of date
    python -m migration_guard.generate deprecations --sdk 6=6.83.4:/path/to/pulumi_aws
                                                      # also record another major's deprecations

deprecated-resource-types reports only what is deprecated in the pulumi-aws major a resource's provider
actually is (BucketV2 is deprecated in v7, not in v5 or v6), so data/deprecations.json carries the installed
SDK's deprecations at the top level and, under ``otherMajors``, those of other majors, each read from that
major's SDK source (an unpacked wheel or sdist given with ``--sdk MAJOR=DIR``) with its own version, source
and date. Regenerating without ``--sdk`` keeps the other majors already recorded.

The pack never imports pulumi-aws (it is large, and the pack must stay self-contained when it is
published), so the facts it needs about the provider's types are read here from the SDK's source
files and bundled as JSON, with their provenance (pulumi-aws version and generation date).

The SDK is read as text, not imported: each resource module declares its type token with
``@pulumi.type_token("aws:...")``, its inputs as getters of the ``<Resource>Args`` input type
(``@pulumi.getter(name="camelName")``), a deprecated resource with a ``warnings.warn`` in its class
body, and a deprecated input with ``@_utilities.deprecated("...")`` on the input's getter. Older SDKs
(pulumi-aws 5) name the token only in ``super(<Resource>, __self__).__init__('aws:...', ...)`` and deprecate an
input with ``warnings.warn("...", DeprecationWarning)`` inside its getter; both forms are read.
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
# pulumi-aws 5: no type_token decorator; the token is the first argument of the base constructor.
_CLASS = re.compile(r'^class (?P<cls>\w+)\(pulumi\.CustomResource\):\n'
                    r'(?:    warnings\.warn\("""(?P<deprecated>.*?)""", DeprecationWarning\)\n)?', re.M | re.S)
_SUPER_TOKEN = r"super\({cls}, __self__\).__init__\(\s*'(?P<token>aws:[^']+)'"
_BODY_DEPRECATION = re.compile(r'^        warnings\.warn\("""(?P<deprecated>.*?)""", DeprecationWarning\)$', re.M | re.S)
_ARGS_CLASS = re.compile(r"^@pulumi\.input_type\nclass (?P<cls>\w+)Args:\n(?P<body>.*?)(?=^\S)", re.M | re.S)
_GETTER = re.compile(
    r'    @pulumi\.getter(?:\(name="(?P<name>\w+)"\))?\n'
    r'(?:    @_utilities\.deprecated\("""(?P<deprecated>.*?)"""\)\n)?'
    r"    def (?P<py>\w+)\(self\) -> (?P<annotation>[^:\n]+):\n"
    r"(?P<body>(?:(?:        [^\n]*)?\n)*?)(?=    @|\S|\Z)",
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
    """The installed pulumi_aws package."""
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


def _classes(text: str) -> Iterator[tuple[str, str, str | None]]:
    """(token, class, deprecation message) of every resource class of a module, in either SDK form."""
    seen: set[str] = set()
    for match in _TOKEN.finditer(text):
        seen.add(match["cls"])
        yield match["token"], match["cls"], match["deprecated"]
    for match in _CLASS.finditer(text):
        if match["cls"] in seen:
            continue
        token = re.search(_SUPER_TOKEN.format(cls=re.escape(match["cls"])), text)
        if token:
            yield token["token"], match["cls"], match["deprecated"]


def _getter_deprecation(getter: re.Match[str]) -> str | None:
    if getter["deprecated"]:
        return getter["deprecated"]
    in_body = _BODY_DEPRECATION.search(getter["body"] or "")
    return in_body["deprecated"] if in_body else None


@cache
def _scan(root: Path) -> tuple[Resource, ...]:
    found: list[Resource] = []
    for path in _resource_files(root):
        text = path.read_text(encoding="utf-8")
        if "(pulumi.CustomResource):" not in text:
            continue
        # lambda_ is the Python spelling of the lambda module (messages say "lambda.Function")
        module = ".".join(part.rstrip("_") for part in path.relative_to(root).parts[:-1])
        args_bodies = {m["cls"]: m["body"] for m in _ARGS_CLASS.finditer(text)}
        for token, cls, deprecated in _classes(text):
            resource = Resource(token, module, cls, _clean(deprecated))
            for getter in _GETTER.finditer(args_bodies.get(cls, "")):
                name = getter["name"] or getter["py"]
                resource.inputs[name] = getter["annotation"].strip()
                message = _getter_deprecation(getter)
                if message:
                    resource.deprecated_inputs[name] = _clean(message) or ""
            found.append(resource)
    return tuple(sorted(found, key=lambda r: r.token))


def _clean(message: str | None) -> str | None:
    return " ".join(message.split()) if message else None


def _provenance(kind: str, version: str | None = None, origin: str = "installed pulumi-aws SDK") -> dict[str, Any]:
    return {
        "source": f"{origin} ({kind}), read by `python -m migration_guard.generate`",
        "pulumiAwsVersion": version or sdk_version(),
        "generated": dt.datetime.now(dt.timezone.utc).date().isoformat(),
    }


def major_of(version: str) -> str:
    return version.split(".", 1)[0]


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


def _deprecation_entries(resources: list[Resource]) -> tuple[dict[str, Any], dict[str, Any]]:
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
    return types, inputs


def other_major(root: Path, version: str) -> dict[str, Any]:
    """The deprecations of another major's SDK source tree (an unpacked wheel or sdist)."""
    types, inputs = _deprecation_entries(list(_scan(root.resolve())))
    origin = f"pulumi-aws {version} SDK source, as published on the package registry"
    return {**_provenance("deprecated resource types and inputs", version, origin), "types": types, "inputs": inputs}


def recorded_other_majors(path: Path | None = None) -> dict[str, Any]:
    """The other majors already recorded in the data file (kept when regenerating from the installed SDK)."""
    try:
        current = json.loads((path or DATA_DIR / TARGETS["deprecations"]).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    majors = current.get("otherMajors") if isinstance(current, dict) else None
    return majors if isinstance(majors, dict) else {}


def deprecations(resources: list[Resource], other_majors: dict[str, Any] | None = None) -> dict[str, Any]:
    types, inputs = _deprecation_entries(resources)
    installed = major_of(sdk_version())
    others = recorded_other_majors() if other_majors is None else other_majors
    return {
        **_provenance("deprecated resource types and inputs"),
        "description": (
            "Resource types and top-level inputs the pulumi-aws SDK marks deprecated, with the SDK's "
            "message and, where the message names one, the replacement type token: the installed SDK's at the "
            "top level (major `major`), other majors under `otherMajors`, each with its own provenance."
        ),
        "major": installed,
        "types": types,
        "inputs": inputs,
        "otherMajors": {major: data for major, data in sorted(others.items()) if major != installed},
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
    parser.add_argument("--sdk", action="append", default=[], metavar="MAJOR=DIR",
                        help="deprecations: also read another major's SDK source, given as MAJOR=VERSION:DIR "
                             "(DIR is its pulumi_aws package)")
    options = parser.parse_args(argv)
    resources = scan()
    names = list(GENERATORS) if options.what == "all" else [options.what]
    stale = False
    for name in names:
        data = GENERATORS[name](resources)
        if name == "deprecations" and options.sdk:
            data = deprecations(resources, _with_sdks(recorded_other_majors(options.output_dir / TARGETS[name]),
                                                      options.sdk))
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


def _with_sdks(recorded: dict[str, Any], specs: list[str]) -> dict[str, Any]:
    """Other majors: those recorded, replaced by the ones read now (``MAJOR=VERSION:DIR``)."""
    majors = dict(recorded)
    for spec in specs:
        major, _, rest = spec.partition("=")
        version, _, directory = rest.partition(":")
        if not directory or major_of(version) != major:
            raise SystemExit(f"--sdk expects MAJOR=VERSION:DIR with VERSION in MAJOR, got {spec!r}")
        majors[major] = other_major(Path(directory), version)
    return majors


if __name__ == "__main__":
    sys.exit(main())
