"""The names table (migration_guard_policies.names) against the installed pulumi-aws SDK.

Every property it lists as a type's own name must be an input of that resource in pulumi-aws, under
that engine name; every type it lists must exist. The pack never imports pulumi-aws; the test does.
"""

from __future__ import annotations

import importlib.util
import re
from functools import cache
from pathlib import Path

import pytest

from migration_guard_policies.names import NOT_OWN_NAME, OWN_NAMES, autoname, own_name_props

SPEC = importlib.util.find_spec("pulumi_aws")  # a test dependency (requirements.txt)



def _camel(snake: str) -> str:
    head, *rest = snake.split("_")
    return head + "".join(part.title() for part in rest)


@cache
def _module_sources(module_name: str) -> tuple[str, ...]:
    assert SPEC is not None and SPEC.origin is not None
    folder = Path(SPEC.origin).parent / ("lambda_" if module_name == "lambda" else module_name)
    return tuple(path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.py")))


def _getters(body: str) -> set[str]:
    named = set(re.findall(r'@pulumi\.getter\(name="(\w+)"\)', body))
    plain = {_camel(m) for m in re.findall(r"@pulumi\.getter\n\s+def (\w+)\(self\)", body)}
    return named | plain


def _args_class(module_name: str, class_name: str) -> str | None:
    for text in _module_sources(module_name):
        found = re.search(rf"\nclass {class_name}:(.*?)(?:\nclass |\Z)", text, re.DOTALL)
        if found is not None:
            return found.group(1)
    return None


def _sdk_inputs(token: str) -> set[str]:
    """Engine names of the inputs (the ``*Args`` class) of the resource with this type token."""
    _provider, module_path, class_name = token.split(":")
    for text in _module_sources(module_path.split("/")[0]):
        if f"'{token}'" not in text:
            continue
        args = re.search(rf"class {class_name}Args:(.*?)\nclass ", text, re.DOTALL)
        assert args is not None, token
        return _getters(args.group(1))
    raise AssertionError(f"{token} is not a resource of the installed pulumi-aws")


def sdk_has_path(token: str, path: str) -> bool:
    """``blueGreenUpdate.enabled`` on aws:rds/instance:Instance: InstanceBlueGreenUpdateArgs has `enabled`."""
    head, _, rest = path.partition(".")
    if head not in _sdk_inputs(token):
        return False
    if not rest:
        return True
    _provider, module_path, class_name = token.split(":")
    nested = _args_class(module_path.split("/")[0], f"{class_name}{head[0].upper()}{head[1:]}Args")
    return nested is not None and rest.split(".")[0] in _getters(nested)


# Every property the naming, secrets and versions policies read, by type (catalog r2: names checked
# against the installed SDK).
POLICY_PROPERTIES: dict[str, tuple[str, ...]] = {
    "aws:rds/instance:Instance": (
        "password", "passwordWo", "passwordWoVersion", "manageMasterUserPassword", "masterUserSecretKmsKeyId",
        "replicateSourceDb", "blueGreenUpdate.enabled", "engine", "engineVersion", "identifier",
        "snapshotIdentifier", "restoreToPointInTime", "engineLifecycleSupport", "autoMinorVersionUpgrade"),
    "aws:rds/cluster:Cluster": (
        "masterPassword", "masterPasswordWo", "masterPasswordWoVersion", "manageMasterUserPassword",
        "masterUserSecretKmsKeyId", "globalClusterIdentifier", "engineMode", "replicationSourceIdentifier",
        "masterUsername", "engine", "engineVersion", "snapshotIdentifier", "engineLifecycleSupport"),
    "aws:rds/globalCluster:GlobalCluster": ("engine", "engineVersion", "engineLifecycleSupport"),
    "aws:secretsmanager/secret:Secret": ("name", "recoveryWindowInDays"),
    "aws:secretsmanager/secretRotation:SecretRotation": (
        "secretId", "rotationEnabled", "rotationRules.automaticallyAfterDays", "rotationRules.scheduleExpression"),
    "aws:dms/endpoint:Endpoint": ("engineName", "password", "secretsManagerArn", "secretsManagerAccessRoleArn",
                                  "extraConnectionAttributes"),
    "aws:lambda/function:Function": ("environment.variables",),
    "aws:ecs/taskDefinition:TaskDefinition": ("containerDefinitions",),
    "aws:sns/topic:Topic": ("fifoTopic",),
}


@pytest.mark.parametrize(("token", "path"), [(t, p) for t, paths in POLICY_PROPERTIES.items() for p in paths])
def test_every_property_the_policies_read_is_in_the_sdk(token: str, path: str) -> None:
    assert sdk_has_path(token, path), f"{token}: {path}"


@pytest.mark.parametrize("token", sorted(OWN_NAMES))
def test_every_listed_name_is_an_input_of_the_resource(token: str) -> None:
    inputs = _sdk_inputs(token)
    for prop, _is_prefix in own_name_props(token):
        assert prop in inputs, f"{token}: {prop} is not an input in pulumi-aws"


@pytest.mark.parametrize("token", sorted(NOT_OWN_NAME))
def test_every_exception_is_a_resource_of_pulumi_aws(token: str) -> None:
    _sdk_inputs(token)


def test_autonames_match_the_offline_preview_types() -> None:
    assert autoname("aws:rds/instance:Instance") is not None
    assert autoname("aws:dms/endpoint:Endpoint") is None  # endpointId is required: never autonamed


def test_the_sdk_lookup_rejects_what_does_not_exist() -> None:
    assert not sdk_has_path("aws:rds/instance:Instance", "masterPassword")  # the Cluster's name, not the Instance's
    assert not sdk_has_path("aws:rds/instance:Instance", "blueGreenUpdate.enable")
    assert not sdk_has_path("aws:rds/cluster:Cluster", "blueGreenUpdate.enabled")
