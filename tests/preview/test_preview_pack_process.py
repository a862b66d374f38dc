"""The reusable pack launcher and its pytest fixture factory."""

from __future__ import annotations

from preview_support import PACKS

from migration_guard.testing.pack_process import PackProcess
from migration_guard.testing.pytest_plugin import PackLauncher


def test_fixture_launches_a_pack_and_speaks_every_rpc(policy_pack_process: PackLauncher) -> None:
    pack = policy_pack_process(PACKS / "basic", stack="prod", project="demo")
    assert isinstance(pack, PackProcess)
    assert pack.handshake() is None  # pulumi-policy answers UNIMPLEMENTED, tolerated as the engine does
    pack.configure_stack(tags={"team": "data"})
    assert pack.get_plugin_info().version
    info = pack.get_analyzer_info()
    assert info.name == "preview-test-pack"
    assert "rds-encrypted-test" in [p.name for p in info.policies]
    pack.configure({"rds-encrypted-test": {"enforcementLevel": "mandatory"},
                    "managed-by-tag-test": {"enforcementLevel": "remediate"}})
    urn = "urn:pulumi:prod::demo::aws:rds/instance:Instance::db"
    response = pack.analyze("aws:rds/instance:Instance", {"storageEncrypted": False}, urn, "db")
    assert "rds-encrypted-test" in [d.policyName for d in response.diagnostics]
    remediated = pack.send_remediate(
        pack.analyze_request("aws:s3/bucket:Bucket", {}, "urn:pulumi:prod::demo::aws:s3/bucket:Bucket::b", "b"))
    assert remediated.remediations[0].policyName == "managed-by-tag-test"
    stack = pack.analyze_stack([{"type": "aws:s3/bucket:Bucket", "urn": "urn:b", "name": "b", "properties": {}}])
    assert [d.policyName for d in stack.diagnostics] == ["bucket-encryption-stack-test"]


def test_close_stops_the_process() -> None:
    with PackProcess(PACKS / "second") as pack:
        assert pack.process.poll() is None
    assert pack.process.poll() is not None
