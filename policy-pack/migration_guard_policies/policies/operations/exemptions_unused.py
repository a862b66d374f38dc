"""exemptions-unused (stack): exemptions that matched no resource during this preview."""

from __future__ import annotations

from ...context import StackCheck
from ...examples import StackExample, StackResource, unknown
from ...spec import Family, StackPolicySpec
from ...types import RDS_INSTANCE

NAME = "exemptions-unused"


def _pack_policy_names() -> set[str]:
    from .. import all_specs  # imported late: this module is itself collected by the policies package

    return {spec.name for spec in all_specs()}


def check(c: StackCheck) -> None:
    # This policy's own exemptions name policies (globs on policy names) whose unused exemptions are
    # expected, for example an organisation-wide exemption list shared by many stacks.
    now = c.state.today()
    names = _pack_policy_names()
    silencers = [e for e in c.exemptions if not e.expired(now)]
    for own in c.exemptions:
        if not any(own.matches(name, name) for name in names):
            c.violation(f"exemption '{own.resource}' of {NAME} matches no policy name of the pack: fix the glob.")

    # The ledger (in the pack state) is filled by every policy's evaluation in this pack process (one
    # preview); this policy runs at AnalyzeStack, after every resource and every other stack policy.
    for policy, seen in c.state.ledger.entries():
        if policy == NAME or any(s.matches(policy, policy) for s in silencers):
            continue
        for exemption, matches in seen.items():
            if matches and exemption.expired(now):
                c.violation(
                    f"exemption '{exemption.resource}' of policy {policy} ({exemption.reason}) expired on "
                    f"{exemption.expires.isoformat() if exemption.expires else ''} and still matches {matches} "
                    "resource evaluation(s), which are checked again: fix them, or renew the exemption with a new "
                    "expiry date."
                )
                continue
            if matches:
                continue
            until = f", expires {exemption.expires.isoformat()}" if exemption.expires else ""
            c.violation(
                f"exemption '{exemption.resource}' of policy {policy} ({exemption.reason}{until}) matched no "
                "resource during this preview: remove it, or fix the glob (it matches a logical name or a URN)."
            )


SPEC = StackPolicySpec(
    name=NAME,
    description="Configured exemptions match at least one resource; stale ones are reported for removal.",
    family=Family.OPERATIONS,
    severity="low",
    level="advisory",
    resource_types=(),
    rule=(
        "Every exemption configured for a policy matched at least one resource during this preview. Resource "
        "policies record their exemptions as they evaluate resources; this stack policy runs at AnalyzeStack, "
        "after every resource, and reports those that matched nothing (a typo in the glob, or a resource that "
        "was renamed or removed). Its own exemptions are globs on policy names whose unused exemptions are "
        "expected (an exemption list shared by several stacks); one that matches no policy name is reported."
    ),
    unknown_handling="n/a (exemptions match logical names and URNs, which are always known)",
    remediation=(
        "1. Remove exemptions for resources that no longer exist, or fix their resource glob (logical name or URN).\n"
        "2. When a policy group shares one exemption list across stacks, add {\"resource\": \"<policy name>\", "
        "\"reason\": \"shared list\"} to this policy's exemptions."
    ),
    check=check,
    reads_ledger=True,
    examples=(
        StackExample(
            "Unused exemptions of every policy are expected (shared exemption list)",
            (StackResource(RDS_INSTANCE, "db-dev", {"engine": "postgres", "kmsKeyId": unknown()}),),
            "pass",
            config={"exemptions": [{"resource": "*", "reason": "one exemption list for every stack of the org"}]},
        ),
        StackExample(
            "An own exemption naming no policy (typo)",
            (StackResource(RDS_INSTANCE, "db-dev", {"engine": "postgres"}),),
            "fail",
            config={"exemptions": [{"resource": "rds-storage-encryptd", "reason": "shared list"}]},
            mentions=("rds-storage-encryptd",),
        ),
    ),
)
