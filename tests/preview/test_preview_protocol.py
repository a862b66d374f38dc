"""The recording pack proves the call order and payloads match how the engine drives a pack."""

from __future__ import annotations

from typing import Any

from preview_support import PACKS, PreviewRun

from migration_guard.preview.model import SECRET_SIG, SPECIAL_SIG_KEY, UNKNOWN_STRING

STACK = "urn:pulumi:dev::preview-violations::"


def _calls(run: PreviewRun, method: str) -> list[dict[str, Any]]:
    return [e["request"] for e in run.recording if e["method"] == method]


def _analyzed(run: PreviewRun, name: str) -> dict[str, Any]:
    return next(r for r in _calls(run, "Analyze") if r["name"] == name)


def test_pack_is_launched_like_the_cli_launches_it(violations_run: PreviewRun) -> None:
    start = violations_run.recording[0]
    assert start["method"] == "<start>"
    assert start["cwd"] == str(PACKS / "recording")
    env = start["env"]
    assert env["PULUMI_PROJECT"] == "preview-violations"
    assert env["PULUMI_STACK"] == "dev"
    assert env["PULUMI_DRY_RUN"] == "true"
    assert "PULUMI_ORGANIZATION" in env
    assert '"aws:region": "eu-west-1"' in env["PULUMI_CONFIG"]


def test_call_order_matches_the_engine(violations_run: PreviewRun) -> None:
    methods = [e["method"] for e in violations_run.recording]
    assert methods[:6] == ["<start>", "Handshake", "ConfigureStack", "GetPluginInfo", "GetAnalyzerInfo", "Configure"]
    registered = [r for r in violations_run.report.resources if not r.external]
    per_resource = methods[6:-1]
    assert per_resource == ["Remediate", "Analyze"] * len(registered)
    assert methods[-1] == "AnalyzeStack"
    analyzed = [r["urn"] for r in _calls(violations_run, "Analyze")]
    assert analyzed == [r.urn for r in registered]


def test_read_resources_reach_only_analyze_stack(violations_run: PreviewRun) -> None:
    existing = next(r for r in violations_run.report.resources if r.name == "existing-key-dev")
    assert existing.external
    assert existing.urn not in [r["urn"] for r in _calls(violations_run, "Analyze")]
    stack_urns = [r["urn"] for r in _calls(violations_run, "AnalyzeStack")[0]["resources"]]
    assert existing.urn in stack_urns


def test_configure_stack_and_configure_payloads(violations_run: PreviewRun) -> None:
    stack = _calls(violations_run, "ConfigureStack")[0]
    assert stack["stack"] == "dev" and stack["project"] == "preview-violations" and stack["dryRun"] is True
    assert stack["tags"]["pulumi:project"] == "preview-violations"
    assert stack["configSecretKeys"] == ["preview-violations:dbPassword"]
    configure = _calls(violations_run, "Configure")[0]["policyConfig"]
    assert set(configure) == {"record-resource", "record-stack"}
    # Schema defaults are sent; integers travel through protobuf Struct as floats.
    limit = configure["record-resource"]["properties"]["limit"]
    assert limit == 5 and isinstance(limit, float)


def test_analyze_payload_has_engine_names_sentinels_secrets_and_provider(violations_run: PreviewRun) -> None:
    instance = _analyzed(violations_run, "orders-dev-instance")
    properties = instance["properties"]
    assert "allocatedStorage" in properties and "allocated_storage" not in properties
    assert properties["allocatedStorage"] == 20.0
    assert properties["password"][SPECIAL_SIG_KEY] == SECRET_SIG
    assert instance["provider"]["type"] == "pulumi:providers:aws"
    assert instance["provider"]["properties"]["region"] == "eu-west-1"
    assert '"Environment"' in instance["provider"]["properties"]["defaultTags"]
    assert instance["options"]["parent"] == STACK + "preview:index:Database::orders-dev"
    # Analyze gets no parent/dependencies fields of its own (only AnalyzeStack does).
    assert "dependencies" not in instance and "propertyDependencies" not in instance
    sse = _analyzed(violations_run, "logs-sse-dev")
    assert sse["properties"]["bucket"] == UNKNOWN_STRING


def test_remediations_reach_later_calls_and_are_reported(violations_run: PreviewRun) -> None:
    # The basic pack (first) remediates buckets; the recording pack (third) analyses the result.
    bucket = _analyzed(violations_run, "logs-dev")
    assert bucket["properties"]["tags"] == {"ManagedBy": "migration-guard"}
    remediated = {(r.name, r.policy) for r in violations_run.report.remediations}
    assert ("logs-dev", "managed-by-tag-test") in remediated
    record = next(r for r in violations_run.report.remediations if r.name == "logs-dev")
    assert record.properties_changed == ["tags"]


def test_analyze_stack_payload(violations_run: PreviewRun) -> None:
    stack_calls = _calls(violations_run, "AnalyzeStack")
    assert len(stack_calls) == 1
    resources = {r["name"]: r for r in stack_calls[0]["resources"]}
    assert len(resources) == len(violations_run.report.resources)
    sse = resources["logs-sse-dev"]
    assert sse["propertyDependencies"]["bucket"]["urns"] == [STACK + "aws:s3/bucket:Bucket::logs-dev"]
    assert STACK + "aws:s3/bucket:Bucket::logs-dev" in sse["dependencies"]
    child = resources["orders-dev-instance"]
    assert child["parent"] == STACK + "preview:index:Database::orders-dev"
    assert child["properties"]["endpoint"] == UNKNOWN_STRING
    assert child["provider"]["name"].startswith("default_7_")
    # Remediated properties show in the outputs too.
    assert resources["logs-dev"]["properties"]["tags"] == {"ManagedBy": "migration-guard"}
