"""What the bundled catalog must know (issue 5), and its provenance."""

from __future__ import annotations

import datetime as dt

import pytest

from migration_guard_policies.policies.versions._catalog import catalog

AS_OF = dt.date(2026, 11, 22)


def test_provenance_is_recorded_per_part() -> None:
    cat = catalog()
    assert cat.generated is not None and cat.region
    assert cat.provenance.get("source") and cat.provenance.get("refresh")
    for part, source in cat.sources.items():
        assert source.retrieved is not None, part
        assert source.urls, part
        assert source.kind in ("curated", "api"), part


def test_postgres_14_7_is_not_offered() -> None:
    postgres = catalog().rds["postgres"]
    assert "14.7" not in postgres.available_in("14")
    assert postgres.major_of("14.7") == "14"
    assert postgres.available_in("14"), "the message names the offered 14.x versions"


@pytest.mark.parametrize("engine", ["postgres", "aurora-postgresql"])
def test_postgresql_majors_past_standard_support(engine: str) -> None:
    majors = catalog().rds[engine].majors
    past = {m for m, d in majors.items() if d.standard_support_end is not None and d.standard_support_end < AS_OF}
    assert past == {"11", "12", "13"}
    assert majors["13"].standard_support_end == dt.date(2026, 2, 28)
    assert majors["14"].standard_support_end == dt.date(2027, 2, 28)


def test_current_postgresql_minors() -> None:
    postgres = catalog().rds["postgres"]
    latest = {major: postgres.available_in(major)[-1] for major in ("13", "14", "15", "16", "17", "18")}
    assert latest == {"13": "13.23", "14": "14.22", "15": "15.17", "16": "16.13", "17": "17.9", "18": "18.3"}
    aurora = catalog().rds["aurora-postgresql"]
    assert [v for v in aurora.available_in("16") if "limitless" not in v][-1] == "16.13"
    assert aurora.available_in("18") == ["18.3", "18.4"]


def test_reference_stack_defaults() -> None:
    """RDS PostgreSQL 16.9 was retired on 2026-10-31; Aurora PostgreSQL 16.9 and DMS 3.6.1 are offered."""
    cat = catalog()
    assert cat.rds["postgres"].versions["16.9"].status == "deprecated"
    assert cat.rds["aurora-postgresql"].versions["16.9"].available
    assert not cat.dms["3.6.1"].deprecated_on(AS_OF)
    for engine in ("postgres", "aurora-postgresql"):
        assert cat.rds[engine].versions["16.13"].available, engine


def test_unconfirmed_minors_are_not_invented() -> None:
    postgres = catalog().rds["postgres"]
    for version in ("16.14", "17.10", "18.4"):
        assert version not in postgres.versions
    assert "could not be confirmed" in postgres.source.notes


def test_mysql_8_0_left_standard_support() -> None:
    mysql = catalog().rds["mysql"]
    assert mysql.major_of("8.0.46") == "8.0"
    assert mysql.majors["8.0"].standard_support_end == dt.date(2026, 7, 31)
    assert not mysql.has_versions  # version list not confirmable: the version policy is not applicable to mysql


def test_version_order_and_major_resolution_for_other_version_schemes() -> None:
    from migration_guard_policies.policies.versions._catalog import from_dict, sort_versions

    assert sort_versions(["16.13", "16.9", "16.13-limitless", "8.0.mysql_aurora.3.10.1", "8.0.mysql_aurora.3.08.2"]) == [
        "8.0.mysql_aurora.3.08.2", "8.0.mysql_aurora.3.10.1", "16.9", "16.13", "16.13-limitless",
    ]
    cat = from_dict({"rds": {
        "aurora-mysql": {"versions": {"8.0.mysql_aurora.3.10.1": {"major": "8.0", "status": "available"}}},
        "sqlserver-se": {"versions": {"16.00.4165.4.v1": {"major": "16.00", "status": "available"}}},
    }})
    assert cat.rds["aurora-mysql"].major_of("8.0.mysql_aurora.3.04.0") == "8.0"
    assert cat.rds["aurora-mysql"].is_major("8.0")
    assert cat.rds["sqlserver-se"].closest("16.00.4085.2.v1") == ("offered 16.00.x versions", ["16.00.4165.4.v1"])
