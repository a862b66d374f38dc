"""Tricky cases of no-plaintext-secrets-in-environment, through the engine-faithful harness."""

from __future__ import annotations

import json

import pytest

from migration_guard.testing.inprocess import analyze_resource
from migration_guard_policies.compat.pulumi_policy import ConfigurationRefused
from migration_guard_policies.examples import secret, unknown
from migration_guard_policies.policies.secrets.no_plaintext_secrets_in_environment import (
    EXTRA_NAME_PATTERNS,
    SPEC,
)
from migration_guard_policies.types import ECS_TASK_DEFINITION, LAMBDA_FUNCTION


def lam(variables: object, config: dict | None = None):  # type: ignore[no-untyped-def]
    return analyze_resource(SPEC, LAMBDA_FUNCTION, {"environment": {"variables": variables}}, config=config)


def ecs(containers: object):  # type: ignore[no-untyped-def]
    value = containers if not isinstance(containers, list) else json.dumps(containers)
    return analyze_resource(SPEC, ECS_TASK_DEFINITION, {"containerDefinitions": value})


def test_credential_names_with_literals_fail_whatever_their_strength() -> None:
    for name in ("DB_PASSWORD", "API_KEY", "GITHUB_TOKEN", "PRIVATE_KEY", "CLIENT_SECRET", "MYSQL_PWD", "dbPassword"):
        result = lam({name: secret("Zr8!vQ2#mL5pX9tw")})
        assert result.violations, name
        assert "Zr8!vQ2#mL5pX9tw" not in result.all_text()


def test_references_and_ordinary_names_pass() -> None:
    assert lam({"DB_SECRET_ARN": "arn:aws:secretsmanager:eu-west-1:1:secret:x", "DB_PASSWORD_PARAMETER": "/a/b",
                "TOKEN_TTL": "3600", "PASSWORD_MIN_LENGTH": "12", "LOG_LEVEL": "debug"}).passed
    assert lam({"DB_PASSWORD": "arn:aws:secretsmanager:eu-west-1:1:secret:x"}).passed
    assert lam({"DB_PASSWORD": "{{resolve:secretsmanager:db:SecretString:password}}"}).passed
    assert lam({"DB_PASSWORD": ""}).passed
    assert analyze_resource(SPEC, LAMBDA_FUNCTION, {"runtime": "python3.12"}).passed


def test_unknowns() -> None:
    assert lam(unknown("object")).unverifiable
    result = lam({"DB_PASSWORD": unknown(), "API_KEY": "literal-value-123"})
    assert result.violations and "API_KEY" in result.violations[0].detail
    assert result.unverifiable and "DB_PASSWORD" in result.unverifiable[0].message
    assert lam({"LOG_LEVEL": unknown()}).passed  # not a credential name
    assert ecs(unknown()).unverifiable


def test_ecs_only_environment_counts_not_secrets() -> None:
    containers = [
        {"name": "app", "environment": [{"name": "DB_HOST", "value": "db"}],
         "secrets": [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:ssm:eu-west-1:1:parameter/db"}]},
        {"name": "sidecar", "environment": [{"name": "SIDECAR_TOKEN", "value": "abc"}]},
    ]
    result = ecs(containers)
    assert len(result.violations) == 1
    assert "containerDefinitions[1].environment[0] (SIDECAR_TOKEN)" in result.violations[0].detail


def test_extra_name_patterns_and_bad_regex() -> None:
    assert lam({"STRIPE_SK": "x-value"}, {"extraNamePatterns": ["_sk$"]}).violations
    assert lam({"STRIPE_SK": "x-value"}).passed
    with pytest.raises(ConfigurationRefused) as refused:  # a pattern that does not compile: Configure refuses
        lam({"A[B": "x-value"}, {"extraNamePatterns": ["_sk$", "[b"]})
    assert refused.value.lines == [
        "no-plaintext-secrets-in-environment: extraNamePatterns.1: Does not match format 'regex'",
    ]
    assert EXTRA_NAME_PATTERNS.accept(["[b"], lambda: None) is None  # type: ignore[arg-type]  # a read never uses it


def test_documents_it_cannot_read_fail_closed_naming_the_property() -> None:
    # Issue 13: a document json.loads gives up on was read as "no containers" and passed.
    for value in ["[1,", "null", "5", json.dumps([None, 1, {"environment": "x"}]),
                  '[{"name": "app", "environment": [{"name": "DB_PASSWORD", "value": "changeme"}], "deep": '
                  + "[" * 1000 + "]" * 1000 + "}]"]:
        result = ecs(value)
        assert result.violations, value[:40]
        assert "containerDefinitions" in result.violations[0].detail
        assert "changeme" not in result.all_text()


def test_well_formed_documents_without_variables_pass() -> None:
    for value in ["{}", "[]", json.dumps([{"name": "app", "environment": [1, None]}])]:
        assert ecs(value).passed, value


def test_lambda_variables_that_are_not_a_map_fail_closed() -> None:
    result = analyze_resource(SPEC, LAMBDA_FUNCTION, {"environment": {"variables": ["DB_PASSWORD=changeme"]}})
    assert result.violations and "environment.variables" in result.violations[0].detail
    assert "changeme" not in result.all_text()


@pytest.mark.parametrize("name", ["OAUTH_URL_TOKEN", "TOKEN_URL", "PASSWORD_RESET_URL", "SECRET_ENDPOINT",
                                  "AUTH_TOKEN_URI", "tokenUrl"])
def test_names_that_hold_a_location_are_not_credentials(name: str) -> None:
    assert lam({name: "Zr8vQ2mL5pX9tw"}).passed


@pytest.mark.parametrize("value", ["https://login.example.com/oauth2/token", "http://10.0.0.1:8200/v1/secret/db",
                                   "https://idp.example.com/token?client_id=orders"])
def test_urls_without_credentials_are_not_credentials(value: str) -> None:
    assert lam({"API_TOKEN": value}).passed


@pytest.mark.parametrize("value", ["postgres://app:Zr8vQ2mL5pX9@db:5432/orders",
                                   "https://idp.example.com/token?client_secret=Zr8vQ2mL5pX9"])
def test_urls_with_credentials_are_credentials(value: str) -> None:
    result = lam({"API_TOKEN": value, "DATABASE_URL": value})
    assert result.violations and "Zr8vQ2mL5pX9" not in result.all_text()


def test_a_secret_the_offline_preview_could_not_decrypt_is_not_verified() -> None:
    result = lam({"DB_PASSWORD": unknown()})
    assert result.unverifiable and not result.violations
    assert "could not decrypt" in result.unverifiable[0].message


@pytest.mark.parametrize("pattern", ["(a+)+$", "(a|a)*$", "(.*)*x"])
def test_catastrophic_name_patterns_are_refused_and_never_run(pattern: str) -> None:
    # Issue 13: `(a+)+$` took 1.3 s at 24 characters and doubled with each one. Configure refuses it, and
    # a read of the setting (StrListSetting(regex=True)) never uses it: the default (no extra patterns) applies.
    assert EXTRA_NAME_PATTERNS.accept([pattern], lambda: None) is None  # type: ignore[arg-type]
    with pytest.raises(ConfigurationRefused) as refused:
        lam({"a" * 40 + "!": "x-value"}, {"extraNamePatterns": [pattern]})
    [line] = refused.value.lines
    assert line.startswith("no-plaintext-secrets-in-environment: extraNamePatterns.0: Does not match format "
                           "'regex': it can backtrack catastrophically")
