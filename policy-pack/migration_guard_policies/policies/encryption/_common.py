"""Helpers shared by the encryption policies."""

from __future__ import annotations

from ...context import ResourceCheck


def require_key(r: ResourceCheck, prop: str, message: str) -> bool:
    """Report ``message`` unless ``prop`` is set (an unknown value counts as set). True when set."""
    if r.props.get(prop).present:
        return True
    r.violation(message)
    return False


def is_aws_managed_alias(key: str | None, alias: str) -> bool:
    """True when ``key`` is the AWS-managed ``alias`` (``alias/aws/sns``), by name or alias ARN."""
    return key is not None and (key == alias or key.endswith(":" + alias))
