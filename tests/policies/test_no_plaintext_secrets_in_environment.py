"""Tricky cases of no-plaintext-secrets-in-environment, through the engine-faithful harness."""

from __future__ import annotations

import json

from migration_guard.testing.inprocess import analyze_resource
from migration_guard_policies.examples import secret, unknown
from migration_guard_policies.policies.secrets.no_plaintext_secrets_in_environment import SPEC
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
    assert lam({"A[B": "x-value"}, {"extraNamePatterns": ["[b"]}).violations  # invalid regex: substring
    assert lam({"STRIPE_SK": "x-value"}).passed


def test_malformed_documents_do_not_raise() -> None:
    for value in ["[1,", "{}", "null", json.dumps([None, 1, {"environment": "x"}, {"environment": [1, None]}])]:
        assert ecs(value).passed
