"""Tricky cases of no-weak-default-credentials, through the engine-faithful harness."""

from __future__ import annotations

import json

import pytest

from migration_guard.testing.inprocess import analyze_resource
from migration_guard_policies.examples import secret, unknown
from migration_guard_policies.policies.secrets.no_weak_default_credentials import SPEC
from migration_guard_policies.types import (
    DMS_ENDPOINT,
    ECS_TASK_DEFINITION,
    ELASTICACHE_REPLICATION_GROUP,
    LAMBDA_FUNCTION,
    RDS_CLUSTER,
    RDS_INSTANCE,
    RDS_PARAMETER_GROUP,
    SECRETSMANAGER_SECRET_VERSION,
)

STRONG = "q7R#vX2m!Lp9Zt4w"


def run(type_: str, props: dict, config: dict | None = None):  # type: ignore[no-untyped-def]
    return analyze_resource(SPEC, type_, props, config=config)


@pytest.mark.parametrize(
    "weak",
    ["password", "changeme", "ChangeMe123456", "admin", "Passw0rd", "example-db-pass", "<your password here>",
     "${DB_PASSWORD}", "short1!", "aaaaaaaaaaaaaaaa", "abcabcabcabcabc", "abcdefghijklmnop", "MyPassword2024!x"],
)
def test_weak_values_fail_without_echoing_them(weak: str) -> None:
    result = run(RDS_CLUSTER, {"engine": "aurora-postgresql", "masterPassword": secret(weak)})
    assert result.violations, weak
    assert "masterPassword" in result.violations[0].detail
    assert weak not in result.all_text()


@pytest.mark.parametrize("strong", [STRONG, "correct-horse-battery-staple-91", "9fK2mQ7xR4tLpW8z"])
def test_strong_values_pass(strong: str) -> None:
    assert run(RDS_INSTANCE, {"engine": "postgres", "password": secret(strong)}).passed


def test_reference_valued_and_setting_keys_are_not_credentials() -> None:
    props = {
        "engine": "postgres",
        "manageMasterUserPassword": unknown("boolean"),  # a switch, not a credential
        "masterUserSecretKmsKeyId": unknown(),
        "passwordWoVersion": 1,
        "performanceInsightsKmsKeyId": "alias/x",
    }
    assert run(RDS_INSTANCE, props).passed
    assert run(DMS_ENDPOINT, {"engineName": "postgres", "secretsManagerArn": "arn:aws:secretsmanager:x",
                              "secretsManagerAccessRoleArn": unknown()}).passed
    assert run(ELASTICACHE_REPLICATION_GROUP, {"authTokenUpdateStrategy": "ROTATE"}).passed


def test_parameter_group_settings_named_like_passwords_are_not_credentials() -> None:
    props = {"family": "postgres16", "parameters": [
        {"name": "password_encryption", "value": "scram-sha-256"},
        {"name": "disconnect_on_expired_password", "value": "1"},
        {"name": "rds.force_ssl", "value": "1"},
    ]}
    assert run(RDS_PARAMETER_GROUP, props).passed


def test_json_documents_in_strings_are_searched_at_any_depth() -> None:
    document = json.dumps({"username": "dms", "password": "changeme", "host": "db", "port": 5432})
    result = run(SECRETSMANAGER_SECRET_VERSION, {"secretId": unknown(), "secretString": secret(document)})
    assert result.violations and "secretString.password" in result.violations[0].detail
    strong = json.dumps({"username": "dms", "password": STRONG})
    assert run(SECRETSMANAGER_SECRET_VERSION, {"secretId": unknown(), "secretString": secret(strong)}).passed


def test_ecs_environment_pairs_and_lambda_variables() -> None:
    containers = json.dumps([{"name": "app", "environment": [{"name": "API_TOKEN", "value": "token"}],
                              "secrets": [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:ssm:x"}]}])
    result = run(ECS_TASK_DEFINITION, {"containerDefinitions": containers})
    assert len(result.violations) == 1 and "API_TOKEN" in result.violations[0].detail
    lam = run(LAMBDA_FUNCTION, {"environment": {"variables": {"DB_PASS": "admin", "DB_SECRET_ARN": "arn:x"}}})
    assert len(lam.violations) == 1 and "DB_PASS" in lam.violations[0].detail


def test_lowercase_pair_names_are_not_quoted() -> None:
    containers = json.dumps([{"environment": [{"name": "zq_password", "value": "changeme"}]}])
    result = run(ECS_TASK_DEFINITION, {"containerDefinitions": containers})
    assert result.violations and "zq_password" not in result.all_text()


def test_unknowns_report_decidable_violations_first() -> None:
    result = run(RDS_CLUSTER, {"masterPassword": unknown(), "secretString": "changeme"})
    assert result.violations and "secretString" in result.violations[0].detail
    assert result.unverifiable and "masterPassword" in result.unverifiable[0].message
    assert run(ECS_TASK_DEFINITION, {"containerDefinitions": unknown()}).unverifiable
    # an unknown that is not under a credential-like key decides nothing
    assert run(RDS_INSTANCE, {"engine": "postgres", "vpcSecurityGroupIds": unknown("array")}).passed


def test_config_min_length_and_extra_denylist() -> None:
    props = {"engine": "postgres", "password": secret("Xk9#mP2$vL")}  # 10 characters
    assert run(RDS_INSTANCE, props).violations
    assert run(RDS_INSTANCE, props, {"minLength": 8}).passed
    assert run(RDS_INSTANCE, {"password": secret(STRONG)}, {"extraDenylist": [STRONG.upper()]}).violations


def test_malformed_json_and_odd_shapes_do_not_raise() -> None:
    for value in ['{"password": ', "[1,", 5, None, [None, {"password": None}], {"password": True}]:
        result = run(SECRETSMANAGER_SECRET_VERSION, {"secretString": value, "token": value})
        assert not result.unverifiable


def test_iam_condition_keys_are_references() -> None:
    policy = json.dumps({"Statement": [{"Effect": "Allow", "Action": "secretsmanager:GetSecretValue",
                                        "Condition": {"StringEquals": {"secretsmanager:ResourceTag/Password": "x"}},
                                        "Resource": "*"}]})
    assert run("aws:iam/policy:Policy", {"policy": policy}).passed


def test_documents_inside_ordinary_pair_values_are_searched() -> None:
    containers = json.dumps([{"environment": [{"name": "APP_CONFIG", "value": json.dumps({"dbPassword": "admin"})}]}])
    result = run(ECS_TASK_DEFINITION, {"containerDefinitions": containers})
    assert result.violations and "dbPassword" in result.violations[0].detail


@pytest.mark.parametrize(
    ("attributes", "needle"),
    [
        ("useLogminerReader=N;asm_user=asm;asm_password=changeme", "asm_password"),
        ("password=password", "password"),
        (" securityDbEncryption = ; SecurityDbEncryptionName=x;secretKey=abc", "secretKey"),
    ],
)
def test_key_value_attribute_strings_are_read(attributes: str, needle: str) -> None:
    result = run(DMS_ENDPOINT, {"engineName": "oracle", "extraConnectionAttributes": attributes})
    assert result.violations and needle in result.violations[0].detail
    assert "changeme" not in result.all_text()


def test_attribute_strings_with_strong_or_no_credentials_pass() -> None:
    assert run(DMS_ENDPOINT, {"extraConnectionAttributes": f"heartbeatEnable=true;asm_password={STRONG}"}).passed
    assert run(DMS_ENDPOINT, {"extraConnectionAttributes": "a=b=c;;=x;;"}).passed


def test_attribute_value_computed_from_an_output_is_unverifiable() -> None:
    value = "asm_password=" + "04da6b54-80e4-46f7-96ec-b56ff0331ba9"
    assert run(DMS_ENDPOINT, {"extraConnectionAttributes": value}).unverifiable


def test_password_inside_a_url_is_checked() -> None:
    result = run(LAMBDA_FUNCTION, {"environment": {"variables": {"DATABASE_URL": "postgres://app:password@db/x"}}})
    assert result.violations and "password in the URL" in result.violations[0].detail


@pytest.mark.parametrize("depth", [990, 1000, 5000])
def test_json_documents_too_deep_to_read_fail_closed(depth: int) -> None:
    # Issue 13: DB_PASSWORD=changeme plus one deep field made json.loads give up: "no containers", pass.
    document = ('[{"name": "app", "environment": [{"name": "DB_PASSWORD", "value": "changeme"}], "x": '
                + "[" * depth + "]" * depth + "}]")
    result = run(ECS_TASK_DEFINITION, {"family": "app-dev", "containerDefinitions": document})
    assert result.violations, depth
    assert "containerDefinitions" in result.violations[0].detail
    assert "changeme" not in result.all_text()


@pytest.mark.parametrize("text", ['{"password": "changeme",', '[1, 2,]', '{"a": '])
def test_malformed_json_documents_fail_closed(text: str) -> None:
    result = run(SECRETSMANAGER_SECRET_VERSION, {"secretId": "x", "secretString": text + "}"})
    assert result.violations and "cannot be read" in result.violations[0].detail


def test_text_that_only_starts_like_json_is_plain_text() -> None:
    assert run(LAMBDA_FUNCTION, {"description": "[INFO] orders service"}).passed


def test_credentials_nested_deeper_than_before_are_still_found() -> None:
    nested: dict = {"password": "changeme"}
    for _ in range(60):
        nested = {"level": nested}
    document = json.dumps(nested)
    result = run(SECRETSMANAGER_SECRET_VERSION, {"secretId": "x", "secretString": document})
    assert result.violations and "password" in result.violations[0].detail


def test_a_secret_the_offline_preview_could_not_decrypt_is_not_verified() -> None:
    # The preview hands an undecryptable `secure:` config value over as the engine's unknown string sentinel
    # (lead's decision, LOG 22:33): the policy says it cannot verify it, it never passes it.
    result = run(RDS_INSTANCE, {"engine": "postgres", "password": unknown()})
    assert result.unverifiable and not result.violations
    assert "could not decrypt" in result.unverifiable[0].message


def test_messages_stay_bounded_for_deep_paths() -> None:
    nested: dict = {"password": "changeme"}
    for _ in range(500):
        nested = {"level": nested}
    result = run(SECRETSMANAGER_SECRET_VERSION, {"secretId": "x", "secretString": json.dumps(nested)})
    assert result.violations and len(result.violations[0].detail) < 1_000


@pytest.mark.parametrize("document", [
    '[{"name": "app", "environment": [{"name": "DB_PASSWORD", "value": "changeme"}',  # cut off: no closing ]
    "42", '"[]"', "", "null",
])
def test_container_definitions_that_are_not_a_document_fail_closed(document: str) -> None:
    """Found by the fuzz run: containerDefinitions is a JSON document by type; text the policy cannot read as
    one (truncated, a number, not JSON) passed as "no credentials"."""
    result = run(ECS_TASK_DEFINITION, {"family": "app", "containerDefinitions": document})
    assert [d for d in result.violations if "containerDefinitions" in d.message], result
    readable = run(ECS_TASK_DEFINITION, {"family": "app", "containerDefinitions": json.dumps(
        [{"name": "app", "image": "app:1", "environment": [{"name": "MODE", "value": "x"}]}])})
    assert readable.passed


def test_an_unknown_extra_connection_attributes_string_is_unverifiable() -> None:
    """Found by the fuzz run: a whole `key=value;` attribute string unknown during preview may hold a password."""
    props = {"endpointId": "source-dev", "endpointType": "source", "engineName": "postgres"}
    result = run(DMS_ENDPOINT, {**props, "extraConnectionAttributes": unknown()})
    assert result.unverifiable and not result.violations
    assert run(DMS_ENDPOINT, {**props, "extraConnectionAttributes": "heartbeatEnable=true;"}).passed
