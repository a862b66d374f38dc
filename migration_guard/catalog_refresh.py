"""`migration-guard catalog refresh`: regenerate the bundled engine-version catalog from the AWS APIs.

    migration-guard catalog refresh [--region R] [--profile P] [--output FILE]
    python -m migration_guard.catalog_refresh [...]

Reads (all paginated, read-only):
  rds.describe_db_engine_versions (IncludeAll, so deprecated versions are listed as such)
  rds.describe_db_major_engine_versions (end of standard support / RDS Extended Support per major)
  dms.describe_engine_versions (lifecycle and dates of replication engine versions)
  elasticache.describe_cache_engine_versions (valkey, redis, memcached)

Writes deterministic JSON (sorted keys, versions in version order) and prints what changed: versions
added and retired, support dates moved. A service that fails (access denied, endpoint missing, an
operation the installed botocore does not know) is skipped: its previous data is kept and the output
says so. Exit status: 0 all refreshed, 1 written with some parts skipped, 2 nothing refreshed / error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

EXIT_OK, EXIT_PARTIAL, EXIT_ERROR = 0, 1, 2
DEFAULT_REGION = "us-east-1"
CATALOG_PATH = Path(__file__).resolve().parents[1] / "policy-pack" / "migration_guard_policies" / "data" / "engine_versions.json"
EXTENDED_SUPPORT_ENGINES = frozenset({"mysql", "postgres", "aurora-mysql", "aurora-postgresql"})
CACHE_ENGINES = ("memcached", "redis", "valkey")
THROTTLING_CODES = frozenset({
    "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottled", "RequestThrottledException",
    "TooManyRequestsException", "RequestLimitExceeded", "SlowDown", "PriorRequestNotComplete",
    "ProvisionedThroughputExceededException", "EC2ThrottledException", "BandwidthLimitExceeded",
})
MAX_ATTEMPTS = 8
DMS_LIFECYCLES = {"DEFAULT_VERSION": "default", "ACTIVE": "active", "DEPRECATED": "deprecated"}

Sleep = Callable[[float], None]
ClientFactory = Callable[[str], Any]


class MissingOperation(Exception):
    """The installed botocore does not define the operation (too old for it)."""


# ---------------------------------------------------------------------------------------------
# Calling AWS: per-page retries on throttling, pagination driven by botocore's paginator model


def _error_code(error: ClientError) -> str:
    return str(error.response.get("Error", {}).get("Code", ""))


def call(client: Any, method: str, kwargs: Mapping[str, Any], sleep: Sleep, attempts: int = MAX_ATTEMPTS) -> dict[str, Any]:
    """Call one operation, retrying throttling errors with capped exponential backoff and jitter."""
    operation = getattr(client, method, None)
    if operation is None:
        raise MissingOperation(method)
    for attempt in range(attempts):
        try:
            return dict(operation(**kwargs))
        except ClientError as error:
            if _error_code(error) not in THROTTLING_CODES or attempt == attempts - 1:
                raise
            sleep(min(20.0, 0.5 * 2**attempt) * (0.5 + random.random() / 2))
    raise AssertionError("unreachable")  # pragma: no cover


def _pagination(client: Any, method: str) -> dict[str, str]:
    """Token names from botocore's paginator model when it has one, else the Marker convention."""
    fallback = {"input_token": "Marker", "output_token": "Marker", "limit_key": "MaxRecords"}
    if not client.can_paginate(method):
        return fallback
    try:
        import botocore.session

        api_name = client.meta.method_to_api_mapping[method]
        model = botocore.session.get_session().get_paginator_model(client.meta.service_model.service_name)
        config = model.get_paginator(api_name)
    except Exception:  # pragma: no cover - a paginator model without the operation: use the convention
        return fallback
    if not all(isinstance(config.get(k), str) for k in ("input_token", "output_token")):
        return fallback  # multi-token paginators are not used by these operations
    return {"input_token": config["input_token"], "output_token": config["output_token"],
            "limit_key": str(config.get("limit_key", "MaxRecords"))}


def pages(client: Any, method: str, result_key: str, kwargs: Mapping[str, Any], sleep: Sleep,
          page_size: int = 100) -> Iterator[dict[str, Any]]:
    """Every item of every page of ``method``; each page call is retried on its own."""
    if getattr(client, method, None) is None:
        raise MissingOperation(method)
    tokens = _pagination(client, method)
    request = dict(kwargs)
    request[tokens["limit_key"]] = page_size
    seen: set[str] = set()
    while True:
        response = call(client, method, request, sleep)
        yield from response.get(result_key) or []
        marker = response.get(tokens["output_token"])
        if not marker or marker in seen:
            return
        seen.add(marker)
        request[tokens["input_token"]] = marker


def _day(value: Any) -> str | None:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.timezone.utc).date().isoformat() if value.tzinfo else value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and len(value) >= 10:
        return value[:10]
    return None


# ---------------------------------------------------------------------------------------------
# Fetching each part


def fetch_rds_versions(rds: Any, sleep: Sleep) -> dict[str, dict[str, dict[str, str]]]:
    engines: dict[str, dict[str, dict[str, str]]] = {}
    for item in pages(rds, "describe_db_engine_versions", "DBEngineVersions", {"IncludeAll": True}, sleep):
        engine, version = str(item.get("Engine", "")), str(item.get("EngineVersion", ""))
        if not engine or not version or engine.startswith("custom-"):
            continue  # custom engine versions belong to one account, not to the service
        status = str(item.get("Status") or "available").lower()
        major = str(item.get("MajorEngineVersion") or version.split(".")[0])
        engines.setdefault(engine, {})[version] = {"major": major, "status": status}
    return engines


def fetch_rds_majors(rds: Any, sleep: Sleep) -> dict[str, dict[str, dict[str, str | None]]]:
    majors: dict[str, dict[str, dict[str, str | None]]] = {}
    for item in pages(rds, "describe_db_major_engine_versions", "DBMajorEngineVersions", {}, sleep):
        engine, major = str(item.get("Engine", "")), str(item.get("MajorEngineVersion", ""))
        if not engine or not major or engine.startswith("custom-"):
            continue
        dates: dict[str, str | None] = {"standardSupportEnd": None, "extendedSupportEnd": None}
        for lifecycle in item.get("SupportedEngineLifecycles") or []:
            name = lifecycle.get("LifecycleSupportName")
            if name == "open-source-rds-standard-support":
                dates["standardSupportEnd"] = _day(lifecycle.get("LifecycleSupportEndDate"))
            elif name == "open-source-rds-extended-support":
                dates["extendedSupportEnd"] = _day(lifecycle.get("LifecycleSupportEndDate"))
        majors.setdefault(engine, {})[major] = dates
    return majors


def fetch_dms(dms: Any, sleep: Sleep) -> dict[str, dict[str, Any]]:
    versions: dict[str, dict[str, Any]] = {}
    for item in pages(dms, "describe_engine_versions", "EngineVersions", {}, sleep):
        version = str(item.get("Version", ""))
        if not version:
            continue
        lifecycle = str(item.get("Lifecycle") or "ACTIVE")
        versions[version] = {
            "lifecycle": DMS_LIFECYCLES.get(lifecycle.upper(), lifecycle.lower()),
            "releaseStatus": str(item.get("ReleaseStatus") or "prod"),
            "launchDate": _day(item.get("LaunchDate")),
            "autoUpgradeDate": _day(item.get("AutoUpgradeDate")),
            "deprecationDate": _day(item.get("DeprecationDate")),
            "forceUpgradeDate": _day(item.get("ForceUpgradeDate")),
        }
    return versions


def fetch_elasticache(elasticache: Any, sleep: Sleep) -> dict[str, list[str]]:
    engines: dict[str, set[str]] = {}
    for item in pages(elasticache, "describe_cache_engine_versions", "CacheEngineVersions", {}, sleep):
        engine, version = str(item.get("Engine", "")), str(item.get("EngineVersion", ""))
        if engine and version:
            engines.setdefault(engine, set()).add(version)
    return {k: sort_versions(v) for k, v in engines.items()}


# ---------------------------------------------------------------------------------------------
# Building the new catalog from the previous one and what could be fetched


def sort_versions(versions: Any) -> list[str]:
    from migration_guard_policies.policies.versions._catalog import sort_versions as _sort

    return _sort(versions)


@dataclass
class Outcome:
    catalog: dict[str, Any]
    refreshed: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)  # part -> reason


def _api_source(today: str, region: str, operations: list[str], previous: Mapping[str, Any] | None = None,
                note: str = "") -> dict[str, Any]:
    return {
        "kind": "api",
        "retrieved": today,
        "urls": [f"{op} in {region}" for op in operations],
        "notes": note or "Generated by `migration-guard catalog refresh` from the AWS API.",
        "complete": True,
    }


def _reason(error: BaseException) -> str:
    if isinstance(error, MissingOperation):
        return f"operation {error.args[0]} is not available in the installed botocore; upgrade boto3/botocore"
    if isinstance(error, ClientError):
        message = str(error.response.get("Error", {}).get("Message", ""))[:200]
        return f"{_error_code(error)}: {message}".rstrip(": ")
    return f"{type(error).__name__}: {str(error)[:200]}"


def refresh(clients: ClientFactory, previous: Mapping[str, Any], *, region: str, today: str,
            sleep: Sleep = time.sleep) -> Outcome:
    """Fetch every part; keep the previous data of each part that fails."""
    new: dict[str, Any] = json.loads(json.dumps(previous)) if previous else {}
    outcome = Outcome(catalog=new)

    def attempt(part: str, fn: Callable[[], Any]) -> Any:
        try:
            result = fn()
        except (ClientError, BotoCoreError, MissingOperation) as error:
            outcome.skipped[part] = _reason(error)
            return None
        outcome.refreshed.append(part)
        return result

    rds_client = clients("rds")
    versions = attempt("rds:versions", lambda: fetch_rds_versions(rds_client, sleep))
    majors = attempt("rds:majors", lambda: fetch_rds_majors(rds_client, sleep))
    old_rds: dict[str, Any] = dict(new.get("rds") or {})
    if versions is not None:
        rds: dict[str, Any] = {}
        for engine, engine_versions in versions.items():
            old = old_rds.get(engine) or {}
            engine_majors = (majors or {}).get(engine) if majors is not None else old.get("majors")
            if engine_majors is None:
                engine_majors = old.get("majors") or {}
            ops = ["rds:DescribeDBEngineVersions(IncludeAll)"] + (["rds:DescribeDBMajorEngineVersions"] if majors is not None else [])
            note = "" if majors is not None else "Support dates kept from the previous catalog (DescribeDBMajorEngineVersions skipped)."
            rds[engine] = {
                "source": _api_source(today, region, ops, note=note),
                "extendedSupport": engine in EXTENDED_SUPPORT_ENGINES,
                "majors": engine_majors,
                "versions": engine_versions,
            }
        new["rds"] = rds
    elif majors is not None:
        for engine, engine_majors in majors.items():
            if engine in old_rds:
                old_rds[engine] = dict(old_rds[engine], majors=engine_majors)
        new["rds"] = old_rds

    dms = attempt("dms", lambda: fetch_dms(clients("dms"), sleep))
    if dms is not None:
        new["dms"] = {"source": _api_source(today, region, ["dms:DescribeEngineVersions"]), "versions": dms}

    cache = attempt("elasticache", lambda: fetch_elasticache(clients("elasticache"), sleep))
    if cache is not None:
        new["elasticache"] = {
            engine: {"source": _api_source(today, region, ["elasticache:DescribeCacheEngineVersions"]), "versions": vs}
            for engine, vs in cache.items()
        }

    provenance = dict(new.get("provenance") or {})
    if outcome.refreshed:
        provenance.update({
            "generated": today,
            "generatedBy": "migration-guard catalog refresh",
            "region": region,
            "source": "AWS APIs (rds, dms, elasticache)",
            "refresh": "migration-guard catalog refresh [--region R] [--profile P] [--output FILE]",
        })
    if outcome.skipped:
        provenance["skipped"] = {part: f"{reason} (previous data kept)" for part, reason in sorted(outcome.skipped.items())}
    else:
        provenance.pop("skipped", None)
    new["provenance"] = provenance
    new.setdefault("schemaVersion", 1)
    return outcome


# ---------------------------------------------------------------------------------------------
# Deterministic output and the change report


def _ordered(value: Any, key: str = "") -> Any:
    if isinstance(value, Mapping):
        keys = sort_versions(value) if key in ("versions", "majors") else sorted(value)
        return {k: _ordered(value[k], k) for k in keys}
    if isinstance(value, list):
        items = [_ordered(v) for v in value]
        if key == "versions" and all(isinstance(v, str) for v in items):
            return sort_versions(items)
        return items
    return value


def dumps(catalog: Mapping[str, Any]) -> str:
    """Deterministic JSON: sorted keys (versions and majors in version order), two-space indent, final newline."""
    return json.dumps(_ordered(catalog), indent=2) + "\n"


def _available(section: Mapping[str, Any]) -> set[str]:
    versions = section.get("versions") or {}
    if isinstance(versions, list):
        return {str(v) for v in versions}
    return {v for v, d in versions.items() if str((d or {}).get("status", "available")) == "available"
            and str((d or {}).get("lifecycle", "active")) != "deprecated"}


def _changes(label: str, old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    lines: list[str] = []
    before, after = _available(old), _available(new)
    added, retired = sort_versions(after - before), sort_versions(before - after)
    if added:
        lines.append(f"{label}: added {', '.join(added)}")
    if retired:
        lines.append(f"{label}: retired {', '.join(retired)}")
    for major in sort_versions(set(old.get("majors") or {}) | set(new.get("majors") or {})):
        a = (old.get("majors") or {}).get(major) or {}
        b = (new.get("majors") or {}).get(major) or {}
        for key in ("standardSupportEnd", "extendedSupportEnd"):
            if a.get(key) != b.get(key):
                lines.append(f"{label} {major}: {key} {a.get(key) or '-'} -> {b.get(key) or '-'}")
    old_versions, new_versions = old.get("versions") or {}, new.get("versions") or {}
    if isinstance(old_versions, Mapping) and isinstance(new_versions, Mapping):
        for version in sort_versions(set(old_versions) & set(new_versions)):
            a, b = old_versions[version] or {}, new_versions[version] or {}
            for key in ("deprecationDate", "forceUpgradeDate", "autoUpgradeDate"):
                if (key in a or key in b) and a.get(key) != b.get(key):
                    lines.append(f"{label} {version}: {key} {a.get(key) or '-'} -> {b.get(key) or '-'}")
    return lines


def diff(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    """Human-readable changes: versions added and retired, support dates moved."""
    lines: list[str] = []
    for group in ("rds", "elasticache"):
        a, b = old.get(group) or {}, new.get(group) or {}
        for engine in sorted(set(a) | set(b)):
            if engine not in b:
                lines.append(f"{group} {engine}: engine no longer listed")
                continue
            if engine not in a:
                lines.append(f"{group} {engine}: new engine")
            lines.extend(_changes(f"{group} {engine}", a.get(engine) or {}, b[engine]))
    lines.extend(_changes("dms", old.get("dms") or {}, new.get("dms") or {}))
    return lines


# ---------------------------------------------------------------------------------------------
# Command line


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="migration-guard catalog refresh",
        description="Regenerate the bundled engine-version catalog from the AWS APIs (read-only calls).",
    )
    parser.add_argument("--region", help=f"AWS region to read (default: the profile's region, else {DEFAULT_REGION})")
    parser.add_argument("--profile", help="AWS named profile (default: the standard credential chain)")
    parser.add_argument("--output", metavar="FILE", help=f"catalog file to write (default: the bundled {CATALOG_PATH.name})")
    return parser


def _boto3_clients(profile: str | None, region: str | None) -> tuple[ClientFactory, str]:
    import boto3
    from botocore.config import Config

    session = boto3.Session(profile_name=profile, region_name=region)
    chosen = region or session.region_name or DEFAULT_REGION
    config = Config(retries={"max_attempts": 10, "mode": "adaptive"}, user_agent_extra="migration-guard-catalog-refresh")
    cache: dict[str, Any] = {}

    def factory(service: str) -> Any:
        if service not in cache:
            cache[service] = session.client(service, region_name=chosen, config=config)
        return cache[service]

    return factory, chosen


def main(argv: list[str], *, clients: ClientFactory | None = None, today: dt.date | None = None,
         sleep: Sleep = time.sleep) -> int:
    args = build_parser().parse_args(argv)
    output = Path(args.output) if args.output else CATALOG_PATH
    source = output if output.exists() else CATALOG_PATH
    try:
        previous = json.loads(source.read_text(encoding="utf-8")) if source.exists() else {}
    except (OSError, ValueError) as error:
        print(f"error: cannot read the previous catalog {source}: {error}", file=sys.stderr)
        return EXIT_ERROR
    region = args.region
    if clients is None:
        try:
            clients, region = _boto3_clients(args.profile, args.region)
        except BotoCoreError as error:  # unknown profile, no region configuration, ...
            print(f"error: {error}", file=sys.stderr)
            return EXIT_ERROR
    region = region or DEFAULT_REGION
    day = (today or dt.datetime.now(dt.timezone.utc).date()).isoformat()

    outcome = refresh(clients, previous, region=region, today=day, sleep=sleep)
    for part, reason in sorted(outcome.skipped.items()):
        print(f"skipped {part}: {reason}; kept the previous data", file=sys.stderr)
    if not outcome.refreshed:
        print("error: nothing could be refreshed; the catalog was not written", file=sys.stderr)
        return EXIT_ERROR
    changes = diff(previous, outcome.catalog)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(dumps(outcome.catalog), encoding="utf-8")
    print(f"catalog refreshed from {region} on {day}: {', '.join(outcome.refreshed)} -> {output}")
    print("\n".join(f"  {line}" for line in changes) if changes else "  no changes")
    return EXIT_PARTIAL if outcome.skipped else EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))
