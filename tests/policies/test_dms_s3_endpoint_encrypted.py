"""dms-s3-endpoint-encrypted: S3Endpoint and the older Endpoint engine s3 shape."""

from __future__ import annotations

import pytest

from migration_guard.testing.inprocess import analyze_resource
from migration_guard_policies.examples import unknown
from migration_guard_policies.policies.encryption.dms_s3_endpoint_encrypted import SPEC
from migration_guard_policies.types import DMS_ENDPOINT, DMS_S3_ENDPOINT


@pytest.mark.parametrize(("mode", "ok"), [("SSE_KMS", True), ("sse_kms", True), ("SSE_S3", False), ("", False),
                                          (None, False), (5, False)])
def test_modes(mode: object, ok: bool) -> None:
    props: dict[str, object] = {"endpointType": "target", "serverSideEncryptionKmsKeyId": unknown()}
    if mode is not None:
        props["encryptionMode"] = mode
    assert analyze_resource(SPEC, DMS_S3_ENDPOINT, props).passed is ok


def test_unknown_endpoint_type_or_engine_is_unverifiable() -> None:
    assert analyze_resource(SPEC, DMS_S3_ENDPOINT, {"endpointType": unknown()}).unverifiable
    assert analyze_resource(SPEC, DMS_ENDPOINT, {"endpointType": "target", "engineName": unknown()}).unverifiable


def test_endpoint_engine_s3_reads_s3_settings() -> None:
    good = {"endpointType": "target", "engineName": "s3",
            "s3Settings": {"encryptionMode": "SSE_KMS", "serverSideEncryptionKmsKeyId": unknown()}}
    assert analyze_resource(SPEC, DMS_ENDPOINT, good).passed
    missing = {"endpointType": "target", "engineName": "s3"}
    result = analyze_resource(SPEC, DMS_ENDPOINT, missing)
    assert result.violations and "s3Settings.encryptionMode" in result.violations[0].detail


def test_unrecognised_mode_is_not_quoted() -> None:
    result = analyze_resource(SPEC, DMS_S3_ENDPOINT, {"endpointType": "target", "encryptionMode": "zq-mode"})
    assert result.violations and "zq-mode" not in result.all_text()
