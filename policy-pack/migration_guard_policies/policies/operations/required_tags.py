"""required-tags: taggable resources carry the required tags, from their own tags or provider defaults."""

from __future__ import annotations

import json
from typing import Any

from ...context import ResourceCheck
from ...examples import Example, unknown
from ...props import Props, Read, is_unknown
from ...settings import StrListSetting, StrSetting
from ...spec import Family, ResourcePolicySpec
from ...types import AUTOSCALING_GROUP, EC2_ROUTE_TABLE_ASSOCIATION, RDS_INSTANCE, SNS_TOPIC
from ._sdk_data import provenance, taggable_types

# Tags as read: key -> value (a value may be UNKNOWN), or None when the whole set is unknown.
Tags = dict[str, Any] | None


REQUIRED_TAGS = StrListSetting(
    "requiredTags",
    default=("Environment", "ManagedBy"),
    description="Tag keys every taggable resource must carry.",
)
ENVIRONMENT_TAG_KEY = StrSetting(
    "environmentTagKey",
    default="Environment",
    description="The tag whose value must equal the environment suffix; empty disables that check.",
)
ENVIRONMENT_SUFFIX = StrSetting(
    "environmentSuffix",
    default="",
    description="The expected environment tag value. Empty means the stack name.",
)

def resource_tags(read: Read, shape: str) -> Tags:
    """The resource's own tags: a map, or (autoscaling Group) a list of {key, value} objects."""
    if read.unknown:
        return None
    if shape == "list":
        items = read.list() or []
        if any(is_unknown(item) for item in items):
            return None
        tags: dict[str, Any] = {}
        for item in items:
            key = item.get("key") if isinstance(item, dict) else None
            if is_unknown(key):
                return None
            if isinstance(key, str):
                tags[key] = item.get("value")
        return tags
    return {str(k): v for k, v in (read.map() or {}).items()}


def default_tags(provider: Props) -> Tags:
    """The provider's defaultTags.tags; the engine sends provider settings as JSON strings."""
    settings = provider.json("defaultTags")
    if settings.unknown:
        return None
    tags = Props(settings.map() or {}).json("tags")
    if tags.unknown:
        return None
    return {str(k): v for k, v in (tags.map() or {}).items()}


def check(r: ResourceCheck) -> None:
    shape = taggable_types().get(r.type)
    if shape is None:
        r.not_applicable("the type has no tags input")
    required = list(r.setting(REQUIRED_TAGS))
    env_key = r.setting(ENVIRONMENT_TAG_KEY)
    suffix = r.setting(ENVIRONMENT_SUFFIX) or r.stack
    own, defaults = resource_tags(r.props.get("tags"), shape), default_tags(r.provider)
    why = "required tags come from tags or the provider's defaultTags"

    missing = []
    for key in required:
        if (own is not None and key in own) or (defaults is not None and key in defaults):
            continue
        if own is None or defaults is None:
            r.unverifiable("tags" if own is None else "provider.defaultTags", why)
        else:
            missing.append(key)
    if missing:
        r.violation(
            f"missing required tag(s) {', '.join(missing)}: set them in tags or in the provider's "
            "defaultTags (aws.Provider default_tags) so that every resource carries them."
        )

    if not env_key or not isinstance(suffix, str) or not suffix:
        return
    if own is None:
        r.unverifiable("tags", f"tag {env_key} must equal the environment suffix '{suffix}'")
        return
    if env_key in own:
        value, where = own[env_key], "tags"
    elif defaults is None:
        r.unverifiable("provider.defaultTags", f"tag {env_key} must equal the environment suffix '{suffix}'")
        return
    elif env_key in defaults:
        value, where = defaults[env_key], "the provider's defaultTags"
    else:
        return  # absent: requiredTags decides whether that is a violation
    if is_unknown(value):
        r.unverifiable(f"tags.{env_key}", f"it must equal the environment suffix '{suffix}'")
    elif not isinstance(value, str) or value.lower() != suffix.lower():
        r.violation(
            f"tag {env_key} in {where} does not equal the environment suffix '{suffix}': cost reports and "
            "access policies keyed on it would misattribute the resource."
        )


_TAGS = {"Environment": "dev", "ManagedBy": "pulumi"}

SPEC = ResourcePolicySpec(
    name="required-tags",
    description="Taggable resources carry the required tags, with the environment tag matching the stack.",
    family=Family.OPERATIONS,
    severity="low",
    level="advisory",
    resource_types=("*",),
    rule=(
        "On every taggable resource (a type whose inputs have `tags`), each key in requiredTags is present in "
        "the resource's `tags` (a map, or a list of key/value objects for autoscaling Group) or in its "
        "provider's `defaultTags`; when environmentTagKey is set, that tag's value equals the environment "
        "suffix (environmentSuffix, else the stack name; case-insensitive). Taggable types come from "
        f"data/taggable_types.json, generated from the installed pulumi-aws SDK ({provenance('taggable_types.json')})."
    ),
    unknown_handling="unverifiable (tags or the provider's defaultTags computed from another resource's output)",
    remediation=(
        "1. Set default tags once on the provider: aws.Provider(\"aws-dev\", default_tags="
        "aws.ProviderDefaultTagsArgs(tags={\"Environment\": pulumi.get_stack(), \"ManagedBy\": \"pulumi\"})).\n"
        "2. Or set tags on each resource; resource tags override provider defaults.\n"
        "3. Derive the Environment value from the stack name, never a literal."
    ),
    refs=("seed 004",),
    settings=(REQUIRED_TAGS, ENVIRONMENT_TAG_KEY, ENVIRONMENT_SUFFIX),
    check=check,
    examples=(
        Example("Tags on the resource", {"name": "alarms-dev", "tags": _TAGS}, "pass"),
        Example(
            "Tags from the provider's defaultTags (sent as a JSON string)",
            {"name": "alarms-dev"},
            "pass",
            provider={"region": "us-east-1", "defaultTags": json.dumps({"tags": _TAGS})},
        ),
        Example(
            "Provider defaults plus resource tags",
            {"engine": "postgres", "tags": {"ManagedBy": "pulumi"}},
            "pass",
            type=RDS_INSTANCE,
            provider={"defaultTags": {"tags": {"Environment": "dev"}}},
        ),
        Example("No tags at all (seed 004)", {"name": "alarms-dev"}, "fail", mentions=("Environment", "ManagedBy")),
        Example(
            "Environment tag of another environment",
            {"name": "alarms-dev", "tags": {"Environment": "prod", "ManagedBy": "pulumi"}},
            "fail",
            mentions=("Environment",),
        ),
        Example(
            "Autoscaling group with key/value tag objects",
            {"maxSize": 2, "minSize": 1, "tags": [
                {"key": "Environment", "value": "dev", "propagateAtLaunch": True},
                {"key": "ManagedBy", "value": "pulumi", "propagateAtLaunch": True}]},
            "pass",
            type=AUTOSCALING_GROUP,
        ),
        Example("Tags computed during preview", {"name": "alarms-dev", "tags": unknown("object")}, "unverifiable"),
        Example(
            "Environment tag value computed during preview",
            {"name": "alarms-dev", "tags": {"Environment": unknown(), "ManagedBy": "pulumi"}},
            "unverifiable",
            type=SNS_TOPIC,
        ),
        Example("A type without tags", {"subnetId": unknown(), "routeTableId": unknown()}, "not_applicable",
                type=EC2_ROUTE_TABLE_ASSOCIATION),
    ),
)
