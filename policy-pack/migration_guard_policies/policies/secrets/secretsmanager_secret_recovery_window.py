"""secretsmanager-secret-recovery-window: deleted secrets stay recoverable for at least minDays."""

from __future__ import annotations

from ...context import ResourceCheck
from ...examples import Example, unknown
from ...settings import IntSetting
from ...spec import Family, ResourcePolicySpec
from ...types import SECRETSMANAGER_SECRET

MIN_DAYS = IntSetting(
    "minDays",
    default=7,
    minimum=0,
    maximum=30,
    description="Minimum recovery window in days (0, or 7-30 as AWS allows).",
)

def check(r: ResourceCheck) -> None:
    minimum = r.setting(MIN_DAYS)
    window = r.props.get("recoveryWindowInDays")
    if r.check_unknown(window, "a short recovery window makes an accidental deletion permanent"):
        return
    if window.absent or window.state.value == "null":
        return  # the default is 30 days
    days = window.int()
    if days is None:
        r.violation(f"recoveryWindowInDays is not a whole number of days: set it to at least {minimum} (7-30).")
    elif days < minimum:
        what = ("0 deletes the secret immediately and permanently" if days == 0
                else f"{days} days is shorter than the required {minimum}")
        r.violation(
            f"recoveryWindowInDays is too short: {what}. A replacement or an accidental `pulumi destroy` would "
            f"lose the credentials for good. Set recoveryWindowInDays to at least {minimum} (AWS allows 7-30; the "
            "default is 30)."
        )


SPEC = ResourcePolicySpec(
    name="secretsmanager-secret-recovery-window",
    description="Secrets Manager secrets keep a recovery window of at least a minimum number of days on deletion.",
    family=Family.SECRETS,
    severity="medium",
    level="advisory",
    resource_types=(SECRETSMANAGER_SECRET,),
    rule=(
        "`recoveryWindowInDays`, when set, is at least minDays (0 means immediate, unrecoverable deletion; AWS "
        "allows 0 or 7-30; the default is 30)."
    ),
    unknown_handling="unverifiable",
    remediation=(
        "1. Remove recovery_window_in_days (default 30) or set it to 7-30.\n"
        "2. For short-lived test stacks that must recreate a secret with the same name, exempt them "
        "(exemptions, with an expiry) instead of lowering the window everywhere."
    ),
    refs=("seed 003",),
    echoes=frozenset({"recoveryWindowInDays"}),
    settings=(MIN_DAYS,),
    check=check,
    examples=(
        Example("Default window (30 days)", {"name": "orders-db-dev", "kmsKeyId": unknown()}, "pass"),
        Example("Explicit 7 days", {"name": "orders-db-dev", "recoveryWindowInDays": 7}, "pass"),
        Example(
            "Seed 003: immediate deletion",
            {"name": "orders-db-dev", "recoveryWindowInDays": 0},
            "fail",
            mentions=("recoveryWindowInDays", "0"),
        ),
        Example(
            "Shorter than a stricter minimum",
            {"name": "orders-db-dev", "recoveryWindowInDays": 7},
            "fail",
            config={"minDays": 14},
            mentions=("14",),
        ),
        Example(
            "Window computed from another output",
            {"name": "orders-db-dev", "recoveryWindowInDays": unknown("number")},
            "unverifiable",
        ),
    ),
)
