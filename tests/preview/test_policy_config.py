"""Policy configuration as the Pulumi CLI applies it.

Pinned against pulumi/pulumi `pkg/resource/analyzer/config.go` (`parsePolicyPackConfig`,
`extractEnforcementLevel`, `applyConfig`, `ReconcilePolicyPackConfig`, `validatePolicyPackConfig`,
`convertSchema`), `pkg/engine/update.go` (`loadPolicyPlugins`: every validation error printed as
`validating policy config: <pack> <version>  <error>`, sorted) and
`pkg/resource/plugin/analyzer_plugin.go` (`(*analyzer).Configure`: an entry without a valid level is
refused). Error descriptions: gojsonschema's `DefaultLocale`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from preview_support import PACKS, PROGRAMS, run_cli_inprocess

from migration_guard.analyzer.policy_config import (
    PolicyConfig,
    PolicyConfigError,
    PolicyDefaults,
    parse_policy_config,
    reconcile_checked,
)
from migration_guard.preview.model import PackInfo, PolicyInfo, PreviewError
from migration_guard.preview.packs import assemble_config_checked

SCHEMA = {
    "properties": {
        "minDays": {"type": "integer", "minimum": 1, "maximum": 35, "default": 7},
        "expires": {"type": "string", "format": "date"},
        "suffix": {"type": "string", "pattern": "^[a-z0-9]+$"},
        "exemptions": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"resource": {"type": "string"}, "reason": {"type": "string"}},
                "required": ["resource", "reason"],
                "additionalProperties": False,
            },
        },
    }
}
POLICIES = [
    PolicyDefaults("a-policy", "advisory", SCHEMA),
    PolicyDefaults("b-policy", "mandatory", {}),
]


def _reconcile_checked(text: str, initial: dict[str, PolicyConfig] | None = None
                       ) -> tuple[dict[str, PolicyConfig], list[str]]:
    return reconcile_checked(POLICIES, initial or {}, parse_policy_config(text).policies, pack="p", version="1.0.0")


def _reconcile(text: str, initial: dict[str, PolicyConfig] | None = None) -> dict[str, PolicyConfig]:
    """The config Configure receives, for a file the CLI's validator finds nothing in."""
    result, errors = _reconcile_checked(text, initial)
    assert errors == []
    return result


def test_all_sets_only_the_enforcement_level() -> None:
    """`applyConfig`: `all` changes every policy's level; its properties stay on an entry named `all`."""
    result = _reconcile(json.dumps({"all": {"enforcementLevel": "disabled", "exemptions": [{"resource": "*", "reason": "x"}]}}))
    assert result["a-policy"] == PolicyConfig("disabled", {"minDays": 7})
    assert result["b-policy"] == PolicyConfig("disabled", {})
    assert result["all"].properties == {"exemptions": [{"resource": "*", "reason": "x"}]}


def test_all_with_exemptions_and_no_level_is_refused_like_configure() -> None:
    """`(*analyzer).Configure` refuses the `all` entry: it has no valid enforcement level."""
    pack = PackInfo("p", "1.0.0", "/packs/p", policies=[
        PolicyInfo("a-policy", "", "advisory", "low", "resource", config_schema=SCHEMA),
    ])
    parsed = parse_policy_config(json.dumps({"all": {"exemptions": [{"resource": "*", "reason": "x"}]}}))
    with pytest.raises(PreviewError, match='invalid enforcement level ""'):
        assemble_config_checked(pack, {}, parsed, "f.json")


def test_layers_defaults_then_initial_config_then_file() -> None:
    initial = {"a-policy": PolicyConfig("mandatory", {"minDays": 3})}
    result = _reconcile(json.dumps({"all": "advisory", "a-policy": {"minDays": 4}}), initial)
    assert result["a-policy"] == PolicyConfig("advisory", {"minDays": 4})
    assert _reconcile("{}", initial)["a-policy"] == PolicyConfig("mandatory", {"minDays": 3})


def test_unknown_policy_names_are_accepted_and_passed_on() -> None:
    result = _reconcile(json.dumps({"no-such-policy": "mandatory"}))
    assert result["no-such-policy"] == PolicyConfig("mandatory", {})


def test_empty_file_and_environments() -> None:
    assert parse_policy_config("  \n").policies == {}
    parsed = parse_policy_config(json.dumps({"environments": ["org/policy-env"], "b-policy": "advisory"}))
    assert parsed.environments == ["org/policy-env"]
    assert list(parsed.policies) == ["b-policy"]
    with pytest.raises(PolicyConfigError, match=r'"environments" must be an array of strings, got string'):
        parse_policy_config(json.dumps({"environments": "org/env"}))
    with pytest.raises(PolicyConfigError, match=r'"environments\[1\]" must be a string, got float64'):
        parse_policy_config(json.dumps({"environments": ["a", 3]}))


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"a-policy": "loud"}, 'parsing enforcement level for "a-policy": "loud" is not a valid enforcement level'),
        ({"a-policy": {"enforcementLevel": 3}},
         'parsing enforcement level for "a-policy": 3 is not a valid enforcement level; must be a string'),
        ({"a-policy": 5}, 'parsing "a-policy": 5 is not a valid value; must be a string or object'),
    ],
)
def test_parse_errors_in_the_cli_wording(config: dict[str, object], message: str) -> None:
    with pytest.raises(PolicyConfigError) as raised:
        parse_policy_config(json.dumps(config))
    assert raised.value.lines == [message]


def test_deeply_nested_file_is_invalid_json_not_an_internal_error() -> None:
    with pytest.raises(PolicyConfigError, match="^invalid JSON"):
        parse_policy_config('{"a-policy": {"x": ' + "[" * 100_000 + "]" * 100_000 + "}}")


def test_every_validation_error_is_reported_sorted_with_policy_and_key() -> None:
    text = json.dumps({
        "a-policy": {
            "minDays": 0,
            "minDay": 3,
            "expires": "2027-02-30",
            "suffix": "Bad-Suffix",
            "exemptions": [{"resource": "x", "reson": "typo"}],
        }
    })
    result, errors = _reconcile_checked(text)
    prefix = "validating policy config: p 1.0.0  a-policy: "
    assert result["a-policy"].properties["minDays"] == 0  # the engine still configures the pack with it
    assert errors == sorted(errors)
    # `minDay` passes: `convertSchema` sends the validator no top-level additionalProperties (only the
    # pack's own Configure can refuse it), while the nested one of `exemptions` items travels in `properties`.
    assert errors == [
        prefix + "exemptions.0: Additional property reson is not allowed",
        prefix + "exemptions.0: reason is required",
        prefix + "expires: Does not match format 'date'",
        prefix + "minDays: Must be greater than or equal to 1",
        prefix + "suffix: Does not match pattern '^[a-z0-9]+$'",
    ]


def test_type_errors_in_gojsonschema_wording() -> None:
    _, errors = _reconcile_checked(json.dumps({"a-policy": {"minDays": "seven", "exemptions": 3}}))
    assert "validating policy config: p 1.0.0  a-policy: minDays: Invalid type. Expected: integer, given: string" \
        in errors
    assert "validating policy config: p 1.0.0  a-policy: exemptions: Invalid type. Expected: array, given: integer" \
        in errors


def _write(tmp_path: Path, config: object) -> str:
    path = tmp_path / "policy-config.json"
    path.write_text(config if isinstance(config, str) else json.dumps(config))
    return str(path)


def test_preview_reports_every_config_error_and_exits_2(tmp_path: Path) -> None:
    """The basic pack is a plain pulumi-policy pack: its Configure (the SDK's) accepts the undeclared
    `maxDays`, and the CLI's validator cannot see it (`convertSchema`), so only the two schema errors stop it."""
    config = _write(tmp_path, {"rds-retention-test": {"minDays": 0, "maxDays": 3}, "bucket-tags-test": {"requiredTags": 5}})
    result = run_cli_inprocess(
        "preview", "--cwd", str(PROGRAMS / "clean"), "--policy-pack", str(PACKS / "basic"), "--policy-pack-config", config,
    )
    assert result.returncode == 2
    errors = [line.strip() for line in result.stderr.splitlines() if "validating policy config" in line]
    assert len(errors) == 2, result.stderr
    assert errors == sorted(errors)
    assert any("rds-retention-test: minDays: Must be greater than or equal to 1" in e for e in errors)
    assert any("bucket-tags-test: requiredTags: Invalid type. Expected: array, given: integer" in e for e in errors)
    assert "maxDays" not in result.stderr


def test_preview_accepts_unknown_names_environments_and_an_empty_file(tmp_path: Path) -> None:
    config = _write(tmp_path, {"environments": ["org/policies"], "retired-policy": "mandatory"})
    result = run_cli_inprocess(
        "preview", "--cwd", str(PROGRAMS / "clean"), "--policy-pack", str(PACKS / "basic"), "--policy-pack-config", config,
    )
    assert result.returncode == 0, result.stderr
    assert "'retired-policy' is not a policy of pack" in result.stderr
    assert "not resolved offline" in result.stderr
    empty = _write(tmp_path, "")
    result = run_cli_inprocess(
        "preview", "--cwd", str(PROGRAMS / "clean"), "--policy-pack", str(PACKS / "basic"), "--policy-pack-config", empty,
    )
    assert result.returncode == 0, result.stderr


def test_preview_deeply_nested_config_says_invalid_json(tmp_path: Path) -> None:
    config = _write(tmp_path, '{"a": ' + "[" * 50_000 + "]" * 50_000 + "}")
    result = run_cli_inprocess(
        "preview", "--cwd", str(PROGRAMS / "clean"), "--policy-pack", str(PACKS / "basic"), "--policy-pack-config", config,
    )
    assert result.returncode == 2
    assert "invalid JSON" in result.stderr
    assert "internal error" not in result.stderr
