"""required-tags: resource tags, provider defaultTags (object or JSON string), list-shaped tags, the suffix."""

from __future__ import annotations

import json

from migration_guard.testing.inprocess import analyze_resource
from migration_guard_policies.examples import unknown
from migration_guard_policies.policies.operations.required_tags import SPEC

TOPIC = "aws:sns/topic:Topic"
GROUP = "aws:autoscaling/group:Group"
GOOD = {"Environment": "dev", "ManagedBy": "pulumi"}


def test_default_tags_as_json_string_or_object() -> None:
    for provider in ({"defaultTags": json.dumps({"tags": GOOD})}, {"defaultTags": {"tags": GOOD}},
                     {"defaultTags": json.dumps({"tags": json.dumps(GOOD)})}):
        assert analyze_resource(SPEC, TOPIC, {"name": "t-dev"}, provider=provider).passed, provider


def test_resource_tag_overrides_provider_default_for_the_environment_value() -> None:
    result = analyze_resource(SPEC, TOPIC, {"tags": {"Environment": "prod"}},
                              provider={"defaultTags": {"tags": GOOD}})
    assert len(result.violations) == 1
    assert "Environment" in result.violations[0].detail and "prod" not in result.violations[0].detail


def test_missing_keys_are_listed_once() -> None:
    result = analyze_resource(SPEC, TOPIC, {"tags": {"Environment": "dev"}})
    assert [d.detail.split(":")[0] for d in result.violations] == ["missing required tag(s) ManagedBy"]


def test_unknown_provider_default_tags_are_unverifiable_only_for_missing_keys() -> None:
    result = analyze_resource(SPEC, TOPIC, {"tags": {"ManagedBy": "pulumi"}},
                              provider={"defaultTags": unknown()})
    assert not result.violations and result.unverifiable
    assert "defaultTags" in result.unverifiable[0].message
    assert analyze_resource(SPEC, TOPIC, {"tags": GOOD}, provider={"defaultTags": unknown()}).passed


def test_stack_name_is_the_suffix_unless_configured() -> None:
    tags = {"tags": {"Environment": "prod", "ManagedBy": "pulumi"}}
    assert analyze_resource(SPEC, TOPIC, tags, stack="prod").passed
    assert analyze_resource(SPEC, TOPIC, tags, stack="dev", config={"environmentSuffix": "prod"}).passed
    assert not analyze_resource(SPEC, TOPIC, tags, stack="dev").passed
    assert analyze_resource(SPEC, TOPIC, tags, stack="dev", config={"environmentTagKey": ""}).passed


def test_autoscaling_group_key_value_list() -> None:
    tags = [{"key": "Environment", "value": "dev", "propagateAtLaunch": True}]
    result = analyze_resource(SPEC, GROUP, {"tags": tags, "maxSize": 1, "minSize": 1})
    assert result.violations and "ManagedBy" in result.violations[0].detail
    assert analyze_resource(SPEC, GROUP, {"tags": [unknown("object")]}).unverifiable


def test_untaggable_and_pulumi_types_are_not_checked() -> None:
    result = analyze_resource(SPEC, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", {"role": "r"})
    assert result.not_applicable and result.passed
    assert analyze_resource(SPEC, "pulumi:providers:aws", {}).passed
