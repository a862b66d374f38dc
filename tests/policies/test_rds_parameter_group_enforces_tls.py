"""rds-parameter-group-enforces-tls: defaults by family and version, value forms, unknowns."""

from __future__ import annotations

import pytest

from migration_guard.testing.inprocess import analyze_resource
from migration_guard_policies.examples import unknown
from migration_guard_policies.policies.encryption.rds_parameter_group_enforces_tls import SPEC
from migration_guard_policies.types import RDS_CLUSTER_PARAMETER_GROUP, RDS_PARAMETER_GROUP


def run(family: object, params: object = None, type_: str = RDS_PARAMETER_GROUP):
    props: dict[str, object] = {"family": family}
    if params is not None:
        props["parameters"] = params
    return analyze_resource(SPEC, type_, props)


def p(name: object, value: object) -> dict[str, object]:
    return {"name": name, "value": value}


@pytest.mark.parametrize(("family", "ok"), [("postgres11", False), ("postgres14", False), ("postgres15", True),
                                            ("postgres17", True), ("mysql8.0", False), ("mariadb10.11", False)])
def test_defaults_by_family(family: str, ok: bool) -> None:
    assert run(family, []).passed is ok


@pytest.mark.parametrize("value", ["0", 0, "off", "2"])
def test_force_ssl_other_than_1_fails_on_every_version(value: object) -> None:
    assert run("postgres16", [p("rds.force_ssl", value)]).violations


@pytest.mark.parametrize("value", ["1", 1])
def test_force_ssl_1_passes(value: object) -> None:
    assert run("postgres13", [p("rds.force_ssl", value)]).passed


@pytest.mark.parametrize("value", ["ON", "on", "1", 1])
def test_require_secure_transport_on(value: object) -> None:
    assert run("mysql8.0", [p("require_secure_transport", value)]).passed


def test_require_secure_transport_off_fails() -> None:
    assert run("mariadb10.6", [p("require_secure_transport", "OFF")]).violations


def test_multi_az_db_cluster_parameter_group_is_checked() -> None:
    assert run("postgres14", [], RDS_CLUSTER_PARAMETER_GROUP).violations
    assert run("mysql8.0", [p("require_secure_transport", "1")], RDS_CLUSTER_PARAMETER_GROUP).passed


def test_aurora_postgresql_cluster_group_must_set_force_ssl_whatever_the_version() -> None:
    assert run("aurora-postgresql16", [], RDS_CLUSTER_PARAMETER_GROUP).violations
    assert run("aurora-postgresql16", [p("rds.force_ssl", "1")], RDS_CLUSTER_PARAMETER_GROUP).passed


def test_unknown_family_values_and_names_are_unverifiable() -> None:
    assert run(unknown()).unverifiable
    assert run("postgres13", unknown("array")).unverifiable
    result = run("postgres13", [p(unknown(), "1")])
    assert result.unverifiable and not result.violations


def test_known_violation_reported_next_to_an_unknown_entry() -> None:
    result = run("postgres16", [p("rds.force_ssl", "0"), p(unknown(), "1")])
    assert result.violations and result.unverifiable


def test_malformed_parameters_fail_closed() -> None:
    result = run("postgres16", "rds.force_ssl=1")
    assert result.violations and "cannot be read" in result.violations[0].detail


def test_message_never_quotes_values() -> None:
    result = run("postgres16", [p("rds.force_ssl", "zq-secret-value")])
    assert result.violations and "zq-secret" not in result.all_text()
