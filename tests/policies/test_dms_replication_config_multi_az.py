"""dms-replication-config-multi-az: computeConfig.multiAz of DMS Serverless, read through the engine path."""

from __future__ import annotations

import pytest

from migration_guard.testing.inprocess import analyze_resource
from migration_guard_policies.examples import secret, unknown
from migration_guard_policies.policies.availability.dms_replication_config_multi_az import SPEC

CONFIG = "aws:dms/replicationConfig:ReplicationConfig"


@pytest.mark.parametrize("value", [True, "true"])
def test_true_passes(value: object) -> None:
    assert analyze_resource(SPEC, CONFIG, {"computeConfig": {"multiAz": value, "maxCapacityUnits": 8}}).passed


@pytest.mark.parametrize("compute", [{}, {"multiAz": False}, {"multiAz": None}, None])
def test_unset_false_or_null_fail(compute: object) -> None:
    result = analyze_resource(SPEC, CONFIG, {"computeConfig": compute} if compute is not None else {})
    assert len(result.violations) == 1 and "computeConfig.multiAz" in result.violations[0].detail


@pytest.mark.parametrize("compute", ["multiAz", 7, [{"multiAz": True}, {"multiAz": False}], {"multiAz": 1}])
def test_wrong_shapes_fail_closed(compute: object) -> None:
    result = analyze_resource(SPEC, CONFIG, {"computeConfig": compute})
    assert len(result.violations) == 1 and not result.unverifiable


def test_whole_block_unknown_is_unverifiable() -> None:
    result = analyze_resource(SPEC, CONFIG, {"computeConfig": unknown("object")})
    assert not result.violations and "computeConfig" in result.unverifiable[0].message


def test_an_unknown_key_id_does_not_hide_multi_az() -> None:
    props = {"computeConfig": {"multiAz": False, "kmsKeyId": unknown(), "replicationSubnetGroupId": unknown()}}
    assert len(analyze_resource(SPEC, CONFIG, props).violations) == 1


def test_secret_value_is_read_and_never_echoed() -> None:
    result = analyze_resource(SPEC, CONFIG, {"computeConfig": {"multiAz": secret(False),
                                                               "dnsNameServers": secret("10.9.8.7")}})
    assert result.violations and "10.9.8.7" not in result.all_text()
