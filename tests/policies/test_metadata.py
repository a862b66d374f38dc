"""Every declaration is complete, matches the catalog contract, and has a valid config schema."""

from __future__ import annotations

import jsonschema
import pytest

from migration_guard_policies import all_specs
from migration_guard_policies.spec import PolicySpec, StackPolicySpec

from ..catalog_contract import CATALOG

SPECS = all_specs()


def test_names_are_unique() -> None:
    names = [s.name for s in SPECS]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_catalog_policies_keep_their_contract(spec: PolicySpec) -> None:
    if spec.name not in CATALOG:
        # A new policy beyond the catalog is welcome; it must still be fully declared.
        assert spec.description and spec.rule
        return
    kind, level, severity = CATALOG[spec.name]
    assert (spec.kind, spec.level, spec.severity) == (kind, level, severity)
    assert isinstance(spec, StackPolicySpec) == (kind == "stack")


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_declaration_is_complete(spec: PolicySpec) -> None:
    assert spec.description.endswith(".") and "\n" not in spec.description
    assert spec.rule and spec.remediation and spec.unknown_handling
    assert spec.url == ""  # no placeholder address: the docs base is configured where the pack runs (issue 14)
    assert spec.family.value in spec.all_tags()


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_config_schema_is_valid_and_defaults_validate(spec: PolicySpec) -> None:
    properties = spec.config_schema()
    schema = {"type": "object", "properties": properties, "additionalProperties": False}
    jsonschema.Draft7Validator.check_schema(schema)
    for key, prop in properties.items():
        assert "default" in prop, f"{key} has no default"
        assert prop.get("description"), f"{key} has no description"
    defaults = {key: prop["default"] for key, prop in properties.items()}
    jsonschema.validate(defaults, schema)
    # An exemption without a reason is rejected by the schema the engine validates against.
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"exemptions": [{"resource": "db-*"}]}, schema)


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_sdk_policy_carries_the_metadata(spec: PolicySpec) -> None:
    policy = spec.to_policy()
    assert policy.name == spec.name
    assert policy.enforcement_level is not None and policy.enforcement_level.value == spec.level
    assert policy.severity is not None and policy.severity.value == spec.severity
    assert policy.remediation_steps == spec.remediation
    assert policy.tags == spec.all_tags()
    assert policy.config_schema is not None and "exemptions" in policy.config_schema.properties


def test_policy_urls_follow_the_configured_docs_base(monkeypatch: pytest.MonkeyPatch) -> None:
    from migration_guard_policies.spec import DOCS_URL_ENV

    monkeypatch.setenv(DOCS_URL_ENV, "https://docs.example.org/policies.md")
    assert {spec.url for spec in SPECS} == {f"https://docs.example.org/policies.md#{spec.name}" for spec in SPECS}


def test_public_access_policies_are_security_controls() -> None:
    """Reports mark a policy as security by family or by the `security` tag (policy_index.is_security): every
    policy about public access carries the tag, whatever its family."""
    from migration_guard.policy_index import is_security
    from migration_guard_policies import all_specs
    from migration_guard_policies.spec import SECURITY_TAG

    public = {s.name: s for s in all_specs() if "public" in s.name}
    assert set(public) >= {"dms-replication-instance-not-public", "redshift-cluster-not-public",
                           "rds-not-publicly-accessible", "security-group-no-public-database-ingress"}
    for spec in public.values():
        assert SECURITY_TAG in spec.all_tags() or spec.family.value in ("encryption", "secrets", "versions"), spec.name
        assert is_security(spec.family.value, spec.all_tags()), spec.name
    assert not is_security("operations", ["operations"])


def test_examples_share_no_mutable_value() -> None:
    """No module-level mutable state: each example owns its props and config (a dict shared between examples,
    or between two policies' SPECs, as versions/_support.py once shared its example config, would carry a change
    made through one of them to every other)."""
    owners: dict[int, list[str]] = {}
    for spec in SPECS:
        for example in spec.examples:
            for field in ("props", "config"):
                value = getattr(example, field, None)
                if isinstance(value, (dict, list)):
                    owners.setdefault(id(value), []).append(f"{spec.name}: {example.title} ({field})")
    assert [names for names in owners.values() if len(names) > 1] == []
