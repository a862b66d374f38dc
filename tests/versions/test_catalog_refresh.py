"""`migration-guard catalog refresh` against botocore Stubber responses shaped like the real APIs.

moto does not implement these describe calls; the Stubber validates every request and response
against botocore's service model, so the shapes are the real ones.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from migration_guard import catalog_refresh as cr
from migration_guard_policies.policies.versions import _catalog

UTC = dt.timezone.utc
TODAY = dt.date(2026, 11, 22)


def client(service: str) -> Any:
    return boto3.client(service, region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing")


def engine_version(engine: str, version: str, major: str, status: str = "available") -> dict[str, Any]:
    return {"Engine": engine, "EngineVersion": version, "MajorEngineVersion": major, "Status": status}


def lifecycle(name: str, start: str, end: str) -> dict[str, Any]:
    return {
        "LifecycleSupportName": name,
        "LifecycleSupportStartDate": dt.datetime.fromisoformat(start).replace(tzinfo=UTC),
        "LifecycleSupportEndDate": dt.datetime.fromisoformat(end).replace(tzinfo=UTC),
    }


PREVIOUS: dict[str, Any] = {
    "schemaVersion": 1,
    "provenance": {"generated": "2026-08-01", "region": "us-east-1", "source": "test"},
    "rds": {
        "postgres": {
            "source": {"kind": "api", "retrieved": "2026-08-01", "urls": [], "notes": "", "complete": True},
            "extendedSupport": True,
            "majors": {"16": {"standardSupportEnd": "2029-02-28", "extendedSupportEnd": "2032-02-29"}},
            "versions": {
                "16.9": {"major": "16", "status": "available"},
                "16.11": {"major": "16", "status": "available"},
            },
        }
    },
    "dms": {
        "source": {"kind": "api", "retrieved": "2026-08-01", "urls": [], "notes": "", "complete": True},
        "versions": {"3.6.1": {"lifecycle": "default", "deprecationDate": "2027-04-30"}},
    },
    "elasticache": {
        "valkey": {"source": {"kind": "api", "retrieved": "2026-08-01"}, "versions": ["8.0", "8.1"]},
    },
}


class Stubs:
    """Stubbed rds, dms and elasticache clients for one refresh."""

    def __init__(self) -> None:
        self.clients = {name: client(name) for name in ("rds", "dms", "elasticache")}
        self.stubbers = {name: Stubber(c) for name, c in self.clients.items()}

    def __call__(self, service: str) -> Any:
        return self.clients[service]

    def __enter__(self) -> Stubs:
        for stubber in self.stubbers.values():
            stubber.activate()
        return self

    def __exit__(self, *exc: object) -> None:
        for stubber in self.stubbers.values():
            stubber.deactivate()

    def verify(self) -> None:
        for stubber in self.stubbers.values():
            stubber.assert_no_pending_responses()

    # -- canned happy-path responses -------------------------------------------------------
    def rds_versions(self, pages: list[list[dict[str, Any]]]) -> None:
        for index, items in enumerate(pages):
            response: dict[str, Any] = {"DBEngineVersions": items}
            if index < len(pages) - 1:
                response["Marker"] = f"rds-page-{index + 1}"
            params: dict[str, Any] = {"IncludeAll": True, "MaxRecords": 100}
            if index:
                params["Marker"] = f"rds-page-{index}"
            self.stubbers["rds"].add_response("describe_db_engine_versions", response, params)

    def rds_majors(self, items: list[dict[str, Any]]) -> None:
        self.stubbers["rds"].add_response(
            "describe_db_major_engine_versions", {"DBMajorEngineVersions": items}, {"MaxRecords": 100}
        )

    def dms(self, pages: list[list[dict[str, Any]]]) -> None:
        for index, items in enumerate(pages):
            response: dict[str, Any] = {"EngineVersions": items}
            if index < len(pages) - 1:
                response["Marker"] = f"dms-page-{index + 1}"
            params: dict[str, Any] = {"MaxRecords": 100}
            if index:
                params["Marker"] = f"dms-page-{index}"
            self.stubbers["dms"].add_response("describe_engine_versions", response, params)

    def cache(self, items: list[dict[str, Any]]) -> None:
        self.stubbers["elasticache"].add_response(
            "describe_cache_engine_versions", {"CacheEngineVersions": items}, {"MaxRecords": 100}
        )


PG_PAGE_1 = [
    engine_version("postgres", "16.9", "16", status="deprecated"),
    engine_version("postgres", "16.11", "16"),
]
PG_PAGE_2 = [
    engine_version("postgres", "16.14", "16"),
    engine_version("postgres", "17.10", "17"),
    engine_version("custom-oracle-ee", "19.my_cev", "19"),
]
MAJORS = [
    {
        "Engine": "postgres",
        "MajorEngineVersion": "16",
        "SupportedEngineLifecycles": [
            lifecycle("open-source-rds-standard-support", "2023-11-17", "2029-03-31"),
            lifecycle("open-source-rds-extended-support", "2029-04-01", "2032-03-31"),
        ],
    },
    {
        "Engine": "postgres",
        "MajorEngineVersion": "17",
        "SupportedEngineLifecycles": [lifecycle("open-source-rds-standard-support", "2024-11-14", "2030-02-28")],
    },
]
DMS_PAGE_1 = [
    {
        "Version": "3.6.1",
        "Lifecycle": "ACTIVE",
        "ReleaseStatus": "prod",
        "LaunchDate": dt.datetime(2025, 5, 15, tzinfo=UTC),
        "DeprecationDate": dt.datetime(2027, 6, 30, tzinfo=UTC),
    }
]
DMS_PAGE_2 = [
    {"Version": "3.6.2", "Lifecycle": "DEFAULT_VERSION", "ReleaseStatus": "prod",
     "LaunchDate": dt.datetime(2026, 9, 1, tzinfo=UTC)},
]
CACHE = [
    {"Engine": "valkey", "EngineVersion": "8.1"},
    {"Engine": "valkey", "EngineVersion": "8.2"},
    {"Engine": "redis", "EngineVersion": "7.1"},
]


def happy(stubs: Stubs) -> None:
    stubs.rds_versions([PG_PAGE_1, PG_PAGE_2])
    stubs.rds_majors(MAJORS)
    stubs.dms([DMS_PAGE_1, DMS_PAGE_2])
    stubs.cache(CACHE)


def write_previous(tmp_path: Path) -> Path:
    path = tmp_path / "engine_versions.json"
    path.write_text(json.dumps(PREVIOUS), encoding="utf-8")
    return path


def run(stubs: Stubs, output: Path, sleeps: list[float] | None = None) -> int:
    recorded = sleeps if sleeps is not None else []
    return cr.main(["--output", str(output), "--region", "us-east-1"], clients=stubs, today=TODAY,
                   sleep=recorded.append)


def test_pagination_follows_markers_and_builds_the_catalog(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = write_previous(tmp_path)
    with Stubs() as stubs:
        happy(stubs)
        assert run(stubs, output) == cr.EXIT_OK
        stubs.verify()  # every page was requested, with the marker of the page before
    data = json.loads(output.read_text())
    postgres = data["rds"]["postgres"]
    assert postgres["versions"]["16.9"] == {"major": "16", "status": "deprecated"}
    assert set(postgres["versions"]) == {"16.9", "16.11", "16.14", "17.10"}
    assert "custom-oracle-ee" not in data["rds"]  # account-specific custom engine versions are left out
    assert postgres["majors"]["16"] == {"standardSupportEnd": "2029-03-31", "extendedSupportEnd": "2032-03-31"}
    assert postgres["majors"]["17"] == {"standardSupportEnd": "2030-02-28", "extendedSupportEnd": None}
    assert postgres["source"]["kind"] == "api" and postgres["source"]["retrieved"] == "2026-11-22"
    assert data["dms"]["versions"]["3.6.2"]["lifecycle"] == "default"
    assert data["dms"]["versions"]["3.6.1"]["deprecationDate"] == "2027-06-30"
    assert data["elasticache"]["valkey"]["versions"] == ["8.1", "8.2"]
    assert data["provenance"]["generated"] == "2026-11-22"
    assert "skipped" not in data["provenance"]
    # the file is a catalog the policies can load
    loaded = _catalog.load(output)
    assert loaded.rds["postgres"].available_in("16") == ["16.11", "16.14"]


def test_the_diff_reports_added_retired_and_moved_dates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = write_previous(tmp_path)
    with Stubs() as stubs:
        happy(stubs)
        run(stubs, output)
    out = capsys.readouterr().out
    assert "rds postgres: added 16.14, 17.10" in out
    assert "rds postgres: retired 16.9" in out
    assert "rds postgres 16: standardSupportEnd 2029-02-28 -> 2029-03-31" in out
    assert "rds postgres 16: extendedSupportEnd 2032-02-29 -> 2032-03-31" in out
    assert "dms: added 3.6.2" in out
    assert "dms 3.6.1: deprecationDate 2027-04-30 -> 2027-06-30" in out
    assert "elasticache valkey: added 8.2" in out
    assert "elasticache valkey: retired 8.0" in out
    assert "elasticache redis: new engine" in out


def test_throttling_is_retried_page_by_page(tmp_path: Path) -> None:
    output = write_previous(tmp_path)
    sleeps: list[float] = []
    with Stubs() as stubs:
        stubs.rds_versions([PG_PAGE_1])
        stubs.stubbers["rds"].add_client_error("describe_db_major_engine_versions", "Throttling", "Rate exceeded")
        stubs.stubbers["rds"].add_client_error("describe_db_major_engine_versions", "ThrottlingException", "slow down")
        stubs.rds_majors(MAJORS)
        stubs.stubbers["dms"].add_client_error("describe_engine_versions", "ThrottlingException", "Rate exceeded")
        stubs.dms([DMS_PAGE_1, DMS_PAGE_2])
        stubs.cache(CACHE)
        assert run(stubs, output, sleeps) == cr.EXIT_OK
        stubs.verify()
    assert len(sleeps) == 3 and all(0 < s <= 20 for s in sleeps)
    data = json.loads(output.read_text())
    assert data["rds"]["postgres"]["majors"]["16"]["standardSupportEnd"] == "2029-03-31"
    assert set(data["dms"]["versions"]) == {"3.6.1", "3.6.2"}


def test_persistent_throttling_gives_up_and_keeps_previous_data(tmp_path: Path) -> None:
    output = write_previous(tmp_path)
    with Stubs() as stubs:
        happy_minus_cache = [PG_PAGE_1]
        stubs.rds_versions(happy_minus_cache)
        stubs.rds_majors(MAJORS)
        stubs.dms([DMS_PAGE_1])
        for _ in range(cr.MAX_ATTEMPTS):
            stubs.stubbers["elasticache"].add_client_error("describe_cache_engine_versions", "Throttling", "Rate exceeded")
        assert run(stubs, output) == cr.EXIT_PARTIAL
        stubs.verify()
    data = json.loads(output.read_text())
    assert data["elasticache"] == PREVIOUS["elasticache"]
    assert "Throttling" in data["provenance"]["skipped"]["elasticache"]


def test_partial_failure_keeps_the_denied_service_and_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = write_previous(tmp_path)
    with Stubs() as stubs:
        stubs.rds_versions([PG_PAGE_1, PG_PAGE_2])
        stubs.rds_majors(MAJORS)
        stubs.stubbers["dms"].add_client_error(
            "describe_engine_versions", "AccessDeniedException",
            "User is not authorized to perform: dms:DescribeEngineVersions", http_status_code=400,
        )
        stubs.cache(CACHE)
        assert run(stubs, output) == cr.EXIT_PARTIAL
        stubs.verify()
    captured = capsys.readouterr()
    assert "skipped dms: AccessDeniedException" in captured.err
    assert "kept the previous data" in captured.err
    data = json.loads(output.read_text())
    assert data["dms"] == PREVIOUS["dms"]  # untouched, with its old retrieval date
    assert data["rds"]["postgres"]["source"]["retrieved"] == "2026-11-22"
    assert "AccessDeniedException" in data["provenance"]["skipped"]["dms"]
    # the freshness policy counts from the oldest part: the kept DMS data of 2026-08-01
    assert _catalog.load(output).oldest == dt.date(2026, 8, 1)


def test_majors_denied_keeps_previous_support_dates(tmp_path: Path) -> None:
    output = write_previous(tmp_path)
    with Stubs() as stubs:
        stubs.rds_versions([PG_PAGE_1, PG_PAGE_2])
        stubs.stubbers["rds"].add_client_error("describe_db_major_engine_versions", "AccessDenied", "denied")
        stubs.dms([DMS_PAGE_1])
        stubs.cache(CACHE)
        assert run(stubs, output) == cr.EXIT_PARTIAL
    data = json.loads(output.read_text())
    assert data["rds"]["postgres"]["majors"] == PREVIOUS["rds"]["postgres"]["majors"]
    assert "16.14" in data["rds"]["postgres"]["versions"]


class NoMajorsOperation:
    """An rds client from a botocore that predates DescribeDBMajorEngineVersions."""

    def __init__(self, real: Any) -> None:
        self._real = real
        self.meta = real.meta

    def can_paginate(self, method: str) -> bool:
        return bool(self._real.can_paginate(method))

    def describe_db_engine_versions(self, **kwargs: Any) -> Any:
        return self._real.describe_db_engine_versions(**kwargs)


def test_an_operation_missing_from_botocore_is_skipped_gracefully(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = write_previous(tmp_path)
    with Stubs() as stubs:
        stubs.rds_versions([PG_PAGE_1])
        stubs.dms([DMS_PAGE_1])
        stubs.cache(CACHE)
        stubs.clients["rds"] = NoMajorsOperation(stubs.clients["rds"])
        assert run(stubs, output) == cr.EXIT_PARTIAL
    err = capsys.readouterr().err
    assert "skipped rds:majors: operation describe_db_major_engine_versions is not available in the installed botocore" in err


def test_nothing_refreshed_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = write_previous(tmp_path)
    before = output.read_text()
    with Stubs() as stubs:
        stubs.stubbers["rds"].add_client_error("describe_db_engine_versions", "AccessDenied", "denied")
        stubs.stubbers["rds"].add_client_error("describe_db_major_engine_versions", "AccessDenied", "denied")
        stubs.stubbers["dms"].add_client_error("describe_engine_versions", "AccessDeniedException", "denied")
        stubs.stubbers["elasticache"].add_client_error("describe_cache_engine_versions", "AccessDenied", "denied")
        assert run(stubs, output) == cr.EXIT_ERROR
    assert output.read_text() == before
    assert "nothing could be refreshed" in capsys.readouterr().err


def test_output_is_deterministic(tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    for path, pages in ((first, [PG_PAGE_1, PG_PAGE_2]), (second, [list(reversed(PG_PAGE_2)), list(reversed(PG_PAGE_1))])):
        path.write_text(json.dumps(PREVIOUS))
        with Stubs() as stubs:
            stubs.rds_versions(pages)
            stubs.rds_majors(list(reversed(MAJORS)) if path == second else MAJORS)
            stubs.dms([DMS_PAGE_1, DMS_PAGE_2])
            stubs.cache(list(reversed(CACHE)) if path == second else CACHE)
            run(stubs, path)
    assert first.read_bytes() == second.read_bytes()
    text = first.read_text()
    assert text.endswith("\n")
    assert list(json.loads(text)["rds"]["postgres"]["versions"]) == ["16.9", "16.11", "16.14", "17.10"]


def test_the_bundled_catalog_is_in_canonical_form() -> None:
    text = _catalog.CATALOG_PATH.read_text(encoding="utf-8")
    assert cr.dumps(json.loads(text)) == text, "write the catalog with catalog_refresh.dumps (sorted, version order)"


def test_module_entry_point_runs() -> None:
    result = subprocess.run([sys.executable, "-m", "migration_guard.catalog_refresh", "--help"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert "--region" in result.stdout and "--profile" in result.stdout and "--output" in result.stdout
