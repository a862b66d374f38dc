"""secretsmanager-secret-cmk: the AWS-managed key by alias name or alias ARN."""

from __future__ import annotations

import pytest

from migration_guard.testing.inprocess import analyze_resource
from migration_guard_policies.examples import secret, unknown
from migration_guard_policies.policies.encryption.secretsmanager_secret_cmk import SPEC
from migration_guard_policies.types import SECRETSMANAGER_SECRET


@pytest.mark.parametrize(
    ("key", "ok"),
    [
        ("alias/aws/secretsmanager", False),
        ("arn:aws-us-gov:kms:us-gov-west-1:111122223333:alias/aws/secretsmanager", False),
        ("alias/aws/secretsmanager-custom", False),  # alias/aws/ is reserved for AWS-managed keys
        ("arn:aws:kms:eu-west-1:111122223333:alias/aws/rds", False),  # any service, alias ARN
        ("alias/team/aws/secretsmanager", True),
        ("1234abcd-12ab-34cd-56ef-1234567890ab", True),
        ("", False),
        (None, False),
    ],
)
def test_key_identifiers(key: str | None, ok: bool) -> None:
    assert analyze_resource(SPEC, SECRETSMANAGER_SECRET, {"kmsKeyId": key}).passed is ok


def test_message_never_quotes_the_key_or_other_values() -> None:
    result = analyze_resource(SPEC, SECRETSMANAGER_SECRET, {"name": secret("zq-secret-name"), "kmsKeyId": None})
    assert result.violations and "zq-secret-name" not in result.all_text()


@pytest.mark.parametrize(
    ("replicas", "ok"),
    [
        ([{"region": "us-west-2", "kmsKeyId": "arn:aws:kms:us-west-2:111122223333:key/1234abcd"}], True),
        ([{"region": "us-west-2"}], False),
        ([{"region": "us-west-2", "kmsKeyId": "arn:aws:kms:us-west-2:111122223333:alias/aws/secretsmanager"}], False),
        ([{"region": "us-west-2", "kmsKeyId": unknown()}, {"region": "eu-west-1"}], False),
        (["us-west-2"], False),  # malformed entry: cannot be read, never counted as fine
        ([], True),
    ],
)
def test_replica_keys(replicas: list[object], ok: bool) -> None:
    result = analyze_resource(SPEC, SECRETSMANAGER_SECRET, {"kmsKeyId": unknown(), "replicas": replicas})
    assert result.passed is ok


def test_each_replica_without_a_key_is_named() -> None:
    replicas = [{"region": "us-west-2"}, {"region": "eu-west-1", "kmsKeyId": unknown()}, {"region": "ap-south-1"}]
    result = analyze_resource(SPEC, SECRETSMANAGER_SECRET, {"kmsKeyId": unknown(), "replicas": replicas})
    text = result.all_text()
    assert "replicas[0].kmsKeyId" in text and "replicas[2].kmsKeyId" in text and "replicas[1]" not in text
