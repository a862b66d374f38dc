"""Helpers shared by the encryption policies."""

from __future__ import annotations

from typing import Any

from ...model import ResourceCheck


def require_key(r: ResourceCheck, prop: str, message: str) -> bool:
    """Report ``message`` unless ``prop`` is set (an unknown value counts as set). True when set."""
    if r.props.get(prop).present:
        return True
    r.violation(message)
    return False


def is_aws_managed_alias(key: str | None, alias: str) -> bool:
    """True when ``key`` is the AWS-managed ``alias`` (``alias/aws/sns``), by name or alias ARN."""
    return key is not None and (key == alias or key.endswith(":" + alias))


def config_int(r: ResourceCheck, key: str, default: int) -> int:
    """An integer config value (the engine sends numbers as floats), or ``default``."""
    value: Any = r.config.get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return default
    return int(value)


def config_strs(config: dict[str, Any], key: str, default: list[str]) -> list[str]:
    """A list-of-strings config value, or ``default`` when it is not one."""
    value = config.get(key)
    if not isinstance(value, list):
        return default
    return [item for item in value if isinstance(item, str)]
