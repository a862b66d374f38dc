"""Helpers shared by the encryption policies."""

from __future__ import annotations

import re

from ...model import ResourceCheck, StackCheck, StackResourceView
from ...props import Props, Read, State, contains_unknown_text

# `alias/aws/<service>` is reserved for AWS-managed keys: customers cannot create aliases under it
# (KMS CreateAlias: "The alias name cannot begin with alias/aws/"). An alias ARN carries the same name
# after its `:alias/` resource type, in every partition.
_AWS_MANAGED_ALIAS = re.compile(r"^alias/aws/", re.IGNORECASE)
_AWS_MANAGED_ALIAS_ARN = re.compile(r"^arn:[a-z0-9-]+:kms:[^:]*:[^:]*:alias/aws/", re.IGNORECASE)


def is_aws_managed_key(value: object) -> bool:
    """True when ``value`` names an AWS-managed key: ``alias/aws/...`` by alias name or alias ARN.

    A key id, a key ARN, a customer alias or an unknown value is not AWS-managed. Replaced by core's
    ``rules.is_aws_managed_key`` once it lands (same contract).
    """
    if not isinstance(value, str) or contains_unknown_text(value):
        return False
    text = value.strip()
    return bool(_AWS_MANAGED_ALIAS.match(text) or _AWS_MANAGED_ALIAS_ARN.match(text))


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
    analyzed = getattr(c, "analyzed", None)
    inputs = analyzed(resource) if callable(analyzed) else None
    return inputs if isinstance(inputs, Props) else None
