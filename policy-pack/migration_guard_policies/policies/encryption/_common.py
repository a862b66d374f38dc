"""Helpers shared by the encryption policies."""

from __future__ import annotations

from ...context import ResourceCheck, StackCheck, StackResourceView
from ...props import Props, Read, State
from ...rules import is_aws_managed_key

# `alias/aws/<service>` is reserved for AWS-managed keys (KMS CreateAlias: an alias name cannot begin with
# alias/aws/); rules.is_aws_managed_key recognises it by alias name and alias ARN, in every partition.


def customer_key_problem(read: Read) -> str | None:
    """Why ``read`` does not name a customer-managed key, or None when it does (unknown counts as one).

    The reason names the property, never its value.
    """
    if read.unknown or read.has_unknown():
        return None
    if read.state is State.MALFORMED or (read.present and not isinstance(read.value, str)):
        return f"{read.path} cannot be read as a KMS key identifier"
    if not read.present:
        return f"{read.path} is not set"
    if is_aws_managed_key(read.value):
        return f"{read.path} names an AWS-managed key (alias/aws/...), not a customer-managed one"
    return None


def require_key(r: ResourceCheck, prop: str, message: str) -> bool:
    """Require a customer-managed key in ``prop`` (unknown counts as set). True when it is one.

    ``message`` explains what an absent key means; an AWS-managed key (alias name or alias ARN, any
    service) and a value that is not a key identifier fail too.
    """
    read = r.props.get(prop)
    problem = customer_key_problem(read)
    if problem is None:
        return True
    if read.state is not State.MALFORMED and not read.present:
        r.violation(message)
    else:
        r.violation(f"{problem}. Set {prop} to a customer-managed KMS key (its ARN, key id or your own alias).")
    return False


def program_inputs(c: StackCheck, resource: StackResourceView) -> Props | None:
    """The Analyze inputs the pack saw for ``resource`` in this preview (``StackCheck.analyzed``), if any.

    The engine's AnalyzeStack shows planned outputs, where a provider-computed property the program
    did not set is unknown; the inputs tell "not set" apart from "set from an unknown output".
    """
    return c.analyzed(resource)
