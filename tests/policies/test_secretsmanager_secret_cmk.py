"""secretsmanager-secret-cmk: the AWS-managed key by alias name or alias ARN."""

from __future__ import annotations

import pytest

from migration_guard.testing.inprocess import analyze_resource
from migration_guard_policies.examples import secret
from migration_guard_policies.policies.encryption.secretsmanager_secret_cmk import SPEC
from migration_guard_policies.types import SECRETSMANAGER_SECRET


@pytest.mark.parametrize(
    ("key", "ok"),
    [
        ("alias/aws/secretsmanager", False),
        ("arn:aws-us-gov:kms:us-gov-west-1:111122223333:alias/aws/secretsmanager", False),
        ("alias/aws/secretsmanager-custom", True),
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
