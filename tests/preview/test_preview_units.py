"""Small pieces of engine behaviour the preview reproduces."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from migration_guard.preview import invokes
from migration_guard.preview.model import SECRET_SIG, SPECIAL_SIG_KEY, PreviewError
from migration_guard.preview.packs import duration_seconds
from migration_guard.preview.program import build_program_run, default_provider_name
from migration_guard.preview.project import load_project, load_stack_config


@pytest.mark.parametrize(
    ("version", "expected"),
    [("7.51.1", "default_7_51_1"), ("", "default"), ("1.0.0-alpha.1+build5", "default_1_0_0_alpha_1_build5")],
)
def test_default_provider_name(version: str, expected: str) -> None:
    assert default_provider_name(version) == expected


def test_policy_document_is_computed_from_statements() -> None:
    result = invokes.policy_document(
        {"statements": [
            {"sid": "Read", "actions": ["s3:GetObject", "s3:ListBucket"], "resources": ["*"],
             "principals": [{"type": "*", "identifiers": ["*"]}],
             "conditions": [{"test": "Bool", "variable": "aws:SecureTransport", "values": ["true"]}]},
        ]}
    )
    document = json.loads(result["json"])
    assert document == json.loads(result["minifiedJson"])
    assert document["Version"] == "2012-10-17"
    statement = document["Statement"][0]
    assert statement["Sid"] == "Read" and statement["Effect"] == "Allow"
    assert statement["Action"] == ["s3:ListBucket", "s3:GetObject"]
    assert statement["Principal"] == "*"
    assert statement["Condition"] == {"Bool": {"aws:SecureTransport": "true"}}


def test_canned_answers_follow_the_region() -> None:
    zones = invokes.answer(invokes.GET_AVAILABILITY_ZONES, {}, region="eu-central-1", supplied={})
    assert zones is not None and zones["names"] == ["eu-central-1a", "eu-central-1b", "eu-central-1c"]
    assert zones["zoneIds"][0] == "euc1-az1"
    partition = invokes.answer(invokes.GET_PARTITION, {}, region="cn-north-1", supplied={})
    assert partition is not None and partition["partition"] == "aws-cn"
    assert invokes.answer("aws:ec2/getVpc:getVpc", {}, region="us-east-1", supplied={}, strict=True) is None
    assert invokes.answer("aws:outposts/getOutpost:getOutpost", {}, region="us-east-1", supplied={}) is None
    supplied = {"aws:ec2/getVpc:getVpc": [{"args": {"default": True}, "result": {"id": "vpc-1"}}]}
    assert invokes.answer("aws:ec2/getVpc:getVpc", {"default": True}, region="x", supplied=supplied) == {"id": "vpc-1"}
    assert invokes.answer("aws:ec2/getVpc:getVpc", {"default": False}, region="x", supplied=supplied, strict=True) is None


def test_stack_config_secure_values_and_overrides(tmp_path: Path) -> None:
    (tmp_path / "Pulumi.yaml").write_text("name: demo\nruntime: python\n")
    (tmp_path / "__main__.py").write_text("")
    (tmp_path / "Pulumi.dev.yaml").write_text(
        "config:\n  aws:region: eu-west-1\n  demo:password:\n    secure: v1:abc\n  demo:flag: true\n"
        "  demo:obj:\n    b: 1\n    a: [x]\n"
    )
    project = load_project(tmp_path)
    config = load_stack_config(project, "dev", ["size=3", "aws:region=us-west-2"])
    assert config.values["aws:region"] == "us-west-2"
    assert config.values["demo:size"] == "3"
    assert config.values["demo:flag"] == "true"
    assert config.values["demo:obj"] == '{"a":["x"],"b":1}'
    assert config.secret_keys == ["demo:password"]
    assert config.values["demo:password"] != "v1:abc"
    assert load_stack_config(project, "other", []).values == {}  # absent stack file means empty


def test_duration_seconds() -> None:
    assert duration_seconds("1h30m") == 5400
    assert duration_seconds("45s") == 45


def _registration(rtype: str, name: str, **extra: object) -> dict:
    urn = f"urn:pulumi:dev::demo::{rtype}::{name}"
    return {"type": rtype, "name": name, "urn": urn, "custom": rtype != "pulumi:pulumi:Stack",
            "inputs": {}, "parent": "", "provider": "", "version": "7.51.1", **extra}


def test_duplicate_urns_are_refused_like_the_engine(tmp_path: Path) -> None:
    (tmp_path / "Pulumi.yaml").write_text("name: demo\nruntime: python\n")
    (tmp_path / "__main__.py").write_text("")
    project = load_project(tmp_path)
    config = load_stack_config(project, "dev", [])
    result = {"registrations": [_registration("aws:s3/bucket:Bucket", "b"), _registration("aws:s3/bucket:Bucket", "b")]}
    with pytest.raises(PreviewError, match="duplicate resource URN urn:pulumi:dev::demo::aws:s3/bucket:Bucket::b"):
        build_program_run(project, "dev", "organization", config, result)


def test_secret_provider_config_stays_secret_in_the_default_provider(tmp_path: Path) -> None:
    (tmp_path / "Pulumi.yaml").write_text("name: demo\nruntime: python\n")
    (tmp_path / "__main__.py").write_text("")
    (tmp_path / "Pulumi.dev.yaml").write_text("config:\n  aws:secretKey:\n    secure: v1:zzz\n  aws:region: us-west-2\n")
    project = load_project(tmp_path)
    config = load_stack_config(project, "dev", [])
    run = build_program_run(project, "dev", "organization", config,
                            {"registrations": [_registration("aws:sqs/queue:Queue", "q")]})
    provider = run.resources[0]
    assert provider.urn == "urn:pulumi:dev::demo::pulumi:providers:aws::default_7_51_1"
    assert provider.inputs["region"] == "us-west-2"
    assert provider.inputs["secretKey"][SPECIAL_SIG_KEY] == SECRET_SIG
    assert config.values["aws:secretKey"] in run.secret_values
    queue = run.resources[1]
    assert queue.provider_urn == provider.urn
    # Autonaming is the provider's Check, done by the runner's monitor (tests/preview/test_preview_program.py).
