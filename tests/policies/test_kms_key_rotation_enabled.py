"""kms-key-rotation-enabled: applicability by key spec and store, periods, and partial unknowns."""

from __future__ import annotations

import pytest

from migration_guard.testing.inprocess import analyze_resource
from migration_guard_policies.examples import unknown
from migration_guard_policies.policies.encryption.kms_key_rotation_enabled import SPEC
from migration_guard_policies.types import KMS_KEY


def run(props: dict, config: dict | None = None):
    return analyze_resource(SPEC, KMS_KEY, props, config=config)


@pytest.mark.parametrize("spec_name", ["RSA_4096", "ECC_NIST_P256", "HMAC_512", "SM2", "ML_DSA_65"])
def test_non_symmetric_specs_are_not_applicable(spec_name: str) -> None:
    assert run({"customerMasterKeySpec": spec_name}).not_applicable


def test_explicit_symmetric_key_without_rotation_fails() -> None:
    result = run({"customerMasterKeySpec": "SYMMETRIC_DEFAULT", "keyUsage": "ENCRYPT_DECRYPT",
                  "enableKeyRotation": False})
    assert result.violations and "enableKeyRotation" in result.violations[0].message


def test_rotation_off_with_unknown_spec_is_unverifiable() -> None:
    result = run({"customerMasterKeySpec": unknown(), "enableKeyRotation": False})
    assert result.unverifiable and not result.violations


def test_rotation_on_with_unknown_spec_passes() -> None:
    assert run({"customerMasterKeySpec": unknown(), "enableKeyRotation": True}).passed


def test_unknown_rotation_still_reports_a_too_long_period() -> None:
    result = run({"enableKeyRotation": unknown("boolean"), "rotationPeriodInDays": 2560})
    assert result.violations and "rotationPeriodInDays" in result.violations[0].message
    assert result.unverifiable


@pytest.mark.parametrize(("days", "maximum", "ok"), [(365, None, True), (366, None, False), (90, 90, True),
                                                      (180.0, 90, False), (2560, 2560, True)])
def test_rotation_period_against_max(days: float, maximum: int | None, ok: bool) -> None:
    config = {"maxRotationDays": maximum} if maximum else None
    result = run({"enableKeyRotation": True, "rotationPeriodInDays": days}, config)
    assert result.passed is ok


def test_unknown_period_is_unverifiable() -> None:
    result = run({"enableKeyRotation": True, "rotationPeriodInDays": unknown("number")})
    assert result.unverifiable and not result.violations
