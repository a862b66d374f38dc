"""dms-endpoint-ssl: engine applicability, mode ordering and unknowns."""

from __future__ import annotations

import pytest

from migration_guard.testing.inprocess import analyze_resource
from migration_guard_policies.examples import unknown
from migration_guard_policies.policies.encryption.dms_endpoint_ssl import SPEC, SSL_MODES, TLS_ENGINES
from migration_guard_policies.types import DMS_ENDPOINT


def run(props: dict, config: dict | None = None):
    return analyze_resource(SPEC, DMS_ENDPOINT, {"endpointType": "source", **props}, config=config)


@pytest.mark.parametrize("engine", sorted(TLS_ENGINES))
def test_every_tls_engine_needs_ssl_mode(engine: str) -> None:
    assert run({"engineName": engine}).violations
    assert run({"engineName": engine, "sslMode": "require"}).passed


@pytest.mark.parametrize("engine", ["redshift", "s3", "kinesis", "dynamodb", "opensearch", "neptune"])
def test_other_engines_are_not_applicable(engine: str) -> None:
    assert run({"engineName": engine}).not_applicable


@pytest.mark.parametrize("minimum", SSL_MODES)
@pytest.mark.parametrize("mode", SSL_MODES)
def test_mode_order(mode: str, minimum: str) -> None:
    result = run({"engineName": "postgres", "sslMode": mode}, {"minimumSslMode": minimum})
    assert result.passed is (SSL_MODES.index(mode) >= SSL_MODES.index(minimum))


def test_case_insensitive_engine_and_mode() -> None:
    result = run({"engineName": "Postgres", "sslMode": "REQUIRE"})
    assert result.passed and not result.not_applicable
    assert run({"engineName": "MySQL"}).violations


def test_unrecognised_mode_fails() -> None:
    result = run({"engineName": "mysql", "sslMode": "tls1.2"})
    assert result.violations and "not one of" in result.violations[0].message
    assert "tls1.2" not in result.all_text()


def test_unknown_engine_is_unverifiable() -> None:
    result = run({"engineName": unknown(), "sslMode": "none"})
    assert result.unverifiable and not result.violations
    assert "engineName" in result.unverifiable[0].message


@pytest.mark.parametrize("engine", ["aurora-postgresql-serverless", "aurora-serverless"])
def test_serverless_v1_engines_need_ssl_mode(engine: str) -> None:
    assert analyze_resource(SPEC, DMS_ENDPOINT, {"engineName": engine}).violations
    assert analyze_resource(SPEC, DMS_ENDPOINT, {"engineName": engine, "sslMode": "require"}).passed


@pytest.mark.parametrize(
    ("settings", "ok"),
    [
        ({"securityProtocol": "ssl-encryption"}, True),
        ({"securityProtocol": "ssl-authentication"}, True),
        ({"securityProtocol": "sasl-ssl"}, True),
        ({"securityProtocol": "SASL-SSL"}, True),
        ({"securityProtocol": "plaintext"}, False),
        ({"securityProtocol": ""}, False),
        ({"securityProtocol": 7}, False),  # wrong type: cannot be read, fails closed
        ({}, False),
        (None, False),
        ("broker:9092", False),  # kafkaSettings malformed
    ],
)
def test_kafka_security_protocol(settings: object, ok: bool) -> None:
    props: dict[str, object] = {"engineName": "kafka", "endpointType": "target"}
    if settings is not None:
        props["kafkaSettings"] = settings
    assert analyze_resource(SPEC, DMS_ENDPOINT, props).passed is ok


def test_kafka_message_never_quotes_an_unrecognised_protocol() -> None:
    props = {"engineName": "kafka", "kafkaSettings": {"securityProtocol": "zq-secret-proto", "saslPassword": "zq-pw"}}
    result = analyze_resource(SPEC, DMS_ENDPOINT, props)
    assert result.violations and "zq-" not in result.all_text()


def test_kafka_unknown_settings_block_is_unverifiable() -> None:
    result = analyze_resource(SPEC, DMS_ENDPOINT, {"engineName": "kafka", "kafkaSettings": unknown("object")})
    assert result.unverifiable and not result.violations
