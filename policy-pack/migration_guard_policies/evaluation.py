"""Running one check with the guarantees every policy inherits (independent of the SDK).

* a policy never raises into the SDK (a crash blocks every deployment of every stack): an
  unexpected exception becomes ``Outcome.error`` (its type only; its text could quote a value),
  unless strict mode (the test harness) re-raises it;
* a property the check read as one type but found of another is a violation (never absent, never a
  pass or a not-applicable: ``ResourceCheck.settle_wrong_types``);
* violations that can be decided are kept, and what could not be verified is explained after them;
* exemptions (glob on logical name or URN, required reason, optional expiry) apply uniformly, and
  the ledger records them for exemptions-unused.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from .context import (
    NotApplicable,
    Outcome,
    PolicyConfig,
    ResourceCheck,
    ResourceInput,
    StackCheck,
    StackIndex,
)
from .exemptions import match_exemption
from .spec import ResourcePolicySpec, StackPolicySpec
from .state import PackState

# Set by the test harness: re-raise unexpected exceptions instead of turning them into an
# advisory diagnostic, so that a crashing policy fails its tests loudly.
STRICT_ENV = "MIGRATION_GUARD_STRICT"


def strict_mode() -> bool:
    return os.environ.get(STRICT_ENV, "") not in ("", "0", "false")


def internal_error_message(policy: str, error: str) -> str:
    return f"policy '{policy}' could not evaluate this resource ({error}); please report this as a MigrationGuard bug"


def evaluate_resource(spec: ResourcePolicySpec, resource: ResourceInput, config: PolicyConfig,
                      state: PackState) -> Outcome | None:
    """The outcome of ``spec`` for one resource; None when the policy does not cover its type."""
    if not spec.applies_to(resource.type):
        return None
    active, expired = match_exemption(config.exemptions, resource.name, resource.urn, state.today()) \
        if config.exemptions else (None, None)
    state.ledger.note(spec.name, config.exemptions, active or expired)  # an expired exemption that matches is stale, not unused
    if active is not None:
        until = f" until {active.expires.isoformat()}" if active.expires else ""
        return Outcome(not_applicable=resource.secrets.clean(f"exempted{until}: {active.reason}"))
    ctx = ResourceCheck(spec, resource, config, state, expired)
    _guarded(spec.name, lambda: spec.check(ctx), ctx.outcome)
    if ctx.outcome.error is None:
        ctx.settle_wrong_types()
    return ctx.outcome


def evaluate_stack(spec: StackPolicySpec | ResourcePolicySpec, index: StackIndex, config: PolicyConfig,
                   state: PackState) -> Outcome:
    """A stack policy's check, or a resource policy's ``stack_check``, over the indexed stack."""
    ctx = StackCheck(spec, index, config, state)
    check = spec.check if isinstance(spec, StackPolicySpec) else spec.stack_check
    if check is not None:
        run = check
        _guarded(spec.name, lambda: run(ctx), ctx.outcome)
    return ctx.outcome


def _guarded(policy: str, run: Callable[[], None], outcome: Outcome) -> None:
    try:
        run()
    except NotApplicable as reason:
        outcome.not_applicable = reason.reason
    except Exception as error:
        if strict_mode():
            raise
        outcome.error = type(error).__name__
