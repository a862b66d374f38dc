"""What the offline preview registers: URNs, providers, order, sources, invokes, secrets, outputs."""

from __future__ import annotations

import hashlib
import json

from preview_support import PreviewRun

from migration_guard.preview import invokes
from migration_guard.preview.model import SECRET_SIG, SPECIAL_SIG_KEY, UNKNOWN_STRING

STACK = "urn:pulumi:dev::preview-violations::"


def _by_name(run: PreviewRun) -> dict:
    return {r.name: r for r in run.report.resources}


def test_urns_are_built_as_the_engine_builds_them(violations_run: PreviewRun) -> None:
    resources = _by_name(violations_run)
    assert resources["preview-violations-dev"].urn == STACK + "pulumi:pulumi:Stack::preview-violations-dev"
    # Children of the stack are not qualified by the Stack type (the SDK mock gets this wrong).
    assert resources["logs-dev"].urn == STACK + "aws:s3/bucket:Bucket::logs-dev"
    # Children of a component carry the component's type chain.
    assert resources["orders-dev-instance"].urn == STACK + "preview:index:Database$aws:rds/instance:Instance::orders-dev-instance"
    assert resources["orders-dev-instance"].parent == STACK + "preview:index:Database::orders-dev"
    assert resources["logs-dev"].parent == resources["preview-violations-dev"].urn


def test_default_provider_carries_the_stack_config(violations_run: PreviewRun) -> None:
    resources = _by_name(violations_run)
    defaults = [r for r in violations_run.report.resources if r.default_provider]
    assert len(defaults) == 1
    provider = defaults[0]
    assert provider.type == "pulumi:providers:aws"
    assert provider.name.startswith("default_7_")
    assert provider.inputs["region"] == "eu-west-1"
    assert json.loads(provider.inputs["defaultTags"]) == {"tags": {"Environment": "dev"}}
    assert provider.inputs["version"].startswith("7.")
    assert resources["logs-dev"].provider_urn == provider.urn
    # An explicit provider is used as given.
    assert resources["replica-dev"].provider_urn == STACK + "pulumi:providers:aws::east"
    assert resources["orders-dev"].provider_urn == ""  # components have no provider


def test_registration_order_is_program_order(violations_run: PreviewRun) -> None:
    names = [r.name for r in violations_run.report.resources]
    assert names[0] == "preview-violations-dev"
    provider = next(r.name for r in violations_run.report.resources if r.default_provider)
    assert names.index(provider) == names.index("logs-dev") - 1
    assert names.index("orders-dev") < names.index("orders-dev-instance") < names.index("reports-dev")
    assert names.index("east") < names.index("replica-dev")


def test_source_positions_point_at_the_program(violations_run: PreviewRun) -> None:
    resources = _by_name(violations_run)
    assert str(resources["logs-dev"].source) == "__main__.py:12"
    assert str(resources["orders-dev-instance"].source) == "components.py:10"
    assert resources["preview-violations-dev"].source is None


def test_canned_invokes_answer_from_config(violations_run: PreviewRun) -> None:
    resources = _by_name(violations_run)
    assert resources["reports-dev"].inputs["availabilityZone"] == "eu-west-1a"
    document = json.loads(resources["archive-dev"].inputs["policy"])
    statement = document["Statement"][0]
    assert statement["Principal"] == {"AWS": invokes.PREVIEW_ACCOUNT_ID}
    assert statement["Action"] == "s3:GetObject"


def test_secrets_stay_wrapped_and_secure_config_is_a_placeholder(violations_run: PreviewRun) -> None:
    resources = _by_name(violations_run)
    password = resources["orders-dev-instance"].inputs["password"]
    assert password[SPECIAL_SIG_KEY] == SECRET_SIG
    assert password["value"] != "v1:AAAAencryptedAAAA"
    literal = resources["reports-dev"].inputs["password"]
    assert literal == {SPECIAL_SIG_KEY: SECRET_SIG, "value": "Sup3rSecretLiteral!"}


def test_preview_outputs_are_inputs_plus_unknown_computed_values(violations_run: PreviewRun) -> None:
    instance = _by_name(violations_run)["orders-dev-instance"]
    assert "endpoint" not in instance.inputs
    assert instance.outputs["endpoint"] == UNKNOWN_STRING
    assert instance.outputs["engine"] == "postgres"
    stack = _by_name(violations_run)["preview-violations-dev"]
    assert stack.outputs["endpoint"] == UNKNOWN_STRING


def test_property_dependencies_link_resources(violations_run: PreviewRun) -> None:
    sse = _by_name(violations_run)["logs-sse-dev"]
    assert sse.property_dependencies["bucket"] == [STACK + "aws:s3/bucket:Bucket::logs-dev"]
    assert sse.inputs["bucket"] == UNKNOWN_STRING
    assert STACK + "aws:s3/bucket:Bucket::logs-dev" in sse.dependencies


def test_provider_check_autonames_and_explicit_provider_version(violations_run: PreviewRun) -> None:
    resources = _by_name(violations_run)
    identifier = resources["orders-dev-instance"].inputs["identifier"]
    assert identifier.startswith("orders-dev-instance-") and len(identifier) == len("orders-dev-instance-") + 7
    assert resources["logs-dev"].inputs["bucket"].startswith("logs-dev-")
    # Autonames are derived from the URN, so two previews agree.
    digest = hashlib.sha256(resources["orders-dev-instance"].urn.encode()).hexdigest()[:7]
    assert identifier == f"orders-dev-instance-{digest}"
    assert resources["east"].inputs["version"].startswith("7.")  # the engine adds it to explicit providers
    assert resources["east"].inputs["region"] == "us-east-1"


def test_program_sees_the_autoname_like_the_engine_returns_it(violations_run: PreviewRun) -> None:
    resources = _by_name(violations_run)
    stack = resources["preview-violations-dev"]
    assert stack.outputs["reportsIdentifier"] == resources["reports-dev"].inputs["identifier"]
