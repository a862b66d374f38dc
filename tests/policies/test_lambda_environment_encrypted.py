"""lambda-environment-encrypted: when environment variables count as set."""

from __future__ import annotations

import pytest

from migration_guard.testing.inprocess import analyze_resource
from migration_guard_policies.examples import secret, unknown
from migration_guard_policies.policies.encryption.lambda_environment_encrypted import SPEC
from migration_guard_policies.types import LAMBDA_FUNCTION


@pytest.mark.parametrize("environment", [{"variables": {"A": "1"}}, {"variables": {"A": unknown()}},
                                         {"variables": unknown("object")}, unknown("object")])
def test_variables_set_or_unknown_need_a_key(environment: object) -> None:
    result = analyze_resource(SPEC, LAMBDA_FUNCTION, {"environment": environment})
    assert result.violations and result.violations[0].enforcement_level == "advisory"
    assert analyze_resource(SPEC, LAMBDA_FUNCTION, {"environment": environment, "kmsKeyArn": unknown()}).passed


@pytest.mark.parametrize("environment", [None, {}, {"variables": None}, {"variables": {}}])
def test_no_variables_is_not_applicable(environment: object) -> None:
    assert analyze_resource(SPEC, LAMBDA_FUNCTION, {"environment": environment}).not_applicable


def test_variable_values_never_appear_in_messages() -> None:
    result = analyze_resource(SPEC, LAMBDA_FUNCTION, {"environment": {"variables": {"TOKEN": secret("zq-token-1")}}})
    assert result.violations and "zq-token-1" not in result.all_text()
