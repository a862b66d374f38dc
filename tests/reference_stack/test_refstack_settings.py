"""Configuration: read once, every missing or invalid key reported together, before any resource."""

from __future__ import annotations

import json

import pulumi
import pytest
from migration_stack.settings import (
    DEFAULT_ENGINE_VERSIONS,
    DEFAULT_TABLE_MAPPINGS,
    ConfigurationError,
    Settings,
    read_settings,
)
from migration_stack.variants import BASE_CONFIG, NS, project_values, variant_config

from .stack_harness import run_stack


def settings_from(values: dict[str, str], *, stack: str = "dev", region: str | None = "us-east-1",
                  environ: dict[str, str] | None = None) -> Settings:
    return read_settings(values.get, stack=stack, region=region, environ=environ or {})


def base_values(**overrides: str) -> dict[str, str]:
    values = project_values(BASE_CONFIG)
    values.update(overrides)
    return values


MINIMAL = {
    "availabilityZones": '["eu-west-1a", "eu-west-1b"]',
    "sourceDbHost": "10.0.0.10",
    "sourceDbName": "orders",
    "sourceDbUsername": "replicator",
}


def test_minimal_config_gets_documented_defaults() -> None:
    settings = settings_from(dict(MINIMAL), region="eu-west-1")
    assert settings.environment_suffix == "dev"
    assert settings.database_engine == "aurora-postgresql"
    assert settings.engine_version == DEFAULT_ENGINE_VERSIONS["aurora-postgresql"]
    assert settings.dms_engine_version == DEFAULT_ENGINE_VERSIONS["dms"]
    assert settings.nat_gateway_mode == "zonal"
    assert settings.aurora_reader_count == 1
    assert settings.backup_retention_days == 7
    assert settings.deletion_protection is True
    assert settings.source_ssl_mode == "require"
    assert settings.allowed_db_client_cidrs == ("10.40.0.0/16",)
    assert json.loads(settings.table_mappings) == DEFAULT_TABLE_MAPPINGS
    assert settings.cutover is None
    assert settings.source_db_password is None
    assert settings.account_id is None
    assert settings.partition == "aws"


def test_rds_variant_uses_the_rds_default_version() -> None:
    settings = settings_from(base_values(databaseEngine="postgres"))
    assert not settings.is_aurora
    assert settings.engine_version == DEFAULT_ENGINE_VERSIONS["postgres"]
    assert settings.engine_major == "16"


def test_every_missing_key_is_reported_together() -> None:
    with pytest.raises(ConfigurationError) as error:
        settings_from({}, region=None)
    problems = "\n".join(error.value.problems)
    for key in ("aws:region", "availabilityZones", "sourceDbHost", "sourceDbName", "sourceDbUsername"):
        assert key in problems
    assert len(error.value.problems) == 5
    assert "pulumi config set" in str(error.value)


def test_every_invalid_value_is_reported_together() -> None:
    values = base_values(
        natGatewayMode="single",
        databaseEngine="mysql",
        availabilityZones='["us-west-2a", "us-east-1b", "us-east-1b", "us-east-1c"]',
        backupRetentionDays="3",
        deletionProtection="maybe",
        allowedDbClientCidrs='["0.0.0.0/0"]',
        dmsTableMappings=json.dumps({"rules": [{"rule-type": "selection", "rule-action": "exclude"}]}),
        sourceSslMode="verify-full",
        monitoringIntervalSeconds="7",
        logRetentionDays="14",
        secretRecoveryWindowDays="0",
        kmsRotationPeriodDays="400",
        alarmEmail="not-an-address",
        vpcCidr="10.32.0.0/12",
        masterUsername="postgres",
    )
    with pytest.raises(ConfigurationError) as error:
        settings_from(values)
    text = "\n".join(error.value.problems)
    for expected in (
        "natGatewayMode: must be one of zonal, regional",
        "databaseEngine: must be one of aurora-postgresql, postgres",
        "availabilityZones: must list 2 or 3",
        "availabilityZones: must not repeat",
        "'us-west-2a' is not a zone of us-east-1",
        "backupRetentionDays: must be at least 7",
        "deletionProtection: must be true or false",
        "whole internet",
        'rule-action": "include"',
        "sourceCertificateArn: is required when sourceSslMode is verify-full",
        "monitoringIntervalSeconds: must be one of",
        "logRetentionDays: must be one of",
        "secretRecoveryWindowDays: must be at least 7",
        "kmsRotationPeriodDays: must be at most 365",
        "alarmEmail",
        "vpcCidr: prefix length",
        "masterUsername: 'postgres' is reserved",
    ):
        assert expected in text, expected


def test_environment_suffix_precedence() -> None:
    values = base_values()
    del values["environmentSuffix"]
    assert settings_from(values, stack="staging").environment_suffix == "staging"
    assert settings_from(values, stack="staging", environ={"ENVIRONMENT_SUFFIX": "pr-42"}).environment_suffix == "pr-42"
    values["environmentSuffix"] = "qa"
    assert settings_from(values, stack="staging", environ={"ENVIRONMENT_SUFFIX": "pr-42"}).environment_suffix == "qa"


@pytest.mark.parametrize("suffix", ["Dev", "dev_1", "-dev", "dev-", "a--b", "x" * 21])
def test_invalid_suffix_is_rejected(suffix: str) -> None:
    with pytest.raises(ConfigurationError, match="environmentSuffix"):
        settings_from(base_values(environmentSuffix=suffix))


def test_cutover_requires_its_keys() -> None:
    with pytest.raises(ConfigurationError) as error:
        settings_from(base_values(cutoverEnabled="true", cutoverAwsWeight="0", cutoverOnPremWeight="0"))
    text = "\n".join(error.value.problems)
    assert "cutoverHostedZoneId: is required" in text
    assert "cutoverDomain: is required" in text
    assert "cannot both be 0" in text


def test_cutover_needs_a_dns_name_for_the_on_premises_target() -> None:
    values = project_values(variant_config("cutover"))
    values["sourceDbHost"] = "192.168.10.5"
    with pytest.raises(ConfigurationError, match="cutoverOnPremTarget"):
        settings_from(values)
    values["cutoverOnPremTarget"] = "pg.onprem.example.com"
    cutover = settings_from(values).cutover
    assert cutover is not None
    assert (cutover.aws_weight, cutover.on_prem_weight, cutover.on_prem_port) == (10, 90, 5432)


def test_structured_values_accept_yaml_lists_and_comma_lists() -> None:
    assert settings_from(base_values(availabilityZones="us-east-1a, us-east-1c")).availability_zones == (
        "us-east-1a", "us-east-1c")


def test_invalid_config_declares_no_resource() -> None:
    config = dict(BASE_CONFIG)
    config[f"{NS}:natGatewayMode"] = "none"
    del config[f"{NS}:sourceDbHost"]
    with pytest.raises(ConfigurationError) as error:
        run_stack(config)
    assert len(error.value.problems) == 2
    # The failed program registered nothing but the root stack.
    registrations = run_failed_registrations(config)
    assert registrations == []


def run_failed_registrations(config: dict[str, str]) -> list[str]:
    from .stack_harness import RecordingMonitor, StackMocks

    mocks = StackMocks(preview=True)
    monitor = RecordingMonitor(mocks)
    pulumi.runtime.set_mocks(mocks, project="migration-reference", stack="dev", preview=True, monitor=monitor)
    pulumi.runtime.set_all_config(config)
    from migration_stack.settings import load_settings
    from migration_stack.stack import build_stack

    with pytest.raises(ConfigurationError):
        build_stack(load_settings())
    return [r.name for r in monitor.registrations]


def test_source_password_is_optional_and_secret() -> None:
    run = run_stack(dict(BASE_CONFIG))
    assert run.of_type("aws:secretsmanager/secretVersion:SecretVersion") == []
