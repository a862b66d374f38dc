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


def _sdk_inputs(token: str) -> set[str]:
    """Engine names of the inputs (the ``*Args`` class) of the resource with this type token."""
    _provider, module_path, class_name = token.split(":")
    for text in _module_sources(module_path.split("/")[0]):
        if f"'{token}'" not in text:
            continue
        args = re.search(rf"class {class_name}Args:(.*?)\nclass ", text, re.DOTALL)
        assert args is not None, token
        body = args.group(1)
        named = set(re.findall(r'@pulumi\.getter\(name="(\w+)"\)', body))
        plain = {_camel(m) for m in re.findall(r"@pulumi\.getter\n\s+def (\w+)\(self\)", body)}
        return named | plain
    raise AssertionError(f"{token} is not a resource of the installed pulumi-aws")


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
