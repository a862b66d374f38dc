"""PackState.begin, the SDK path's Configure: a configuration is in force only once its start succeeded."""

from __future__ import annotations

import pytest

from migration_guard_policies.state import PackState


def test_a_configuration_whose_start_raised_is_not_in_force() -> None:
    state = PackState()
    configuration: dict[str, object] = {"p": {"minDays": 3}}
    calls: list[str] = []

    def failing() -> list[str]:
        calls.append("failing")
        raise RuntimeError("cannot read the configuration")

    def refusing() -> list[str]:
        calls.append("refusing")
        return ["p: minDays: 3 is less than the minimum of 7"]

    assert state.begin({}, list) == []
    with pytest.raises(RuntimeError, match="cannot read"):
        state.begin(configuration, failing)
    # The same configuration again: checked again (and refused), never treated as accepted.
    assert state.begin(configuration, refusing) == ["p: minDays: 3 is less than the minimum of 7"]
    assert state.begin(configuration, refusing) == ["p: minDays: 3 is less than the minimum of 7"]
    assert calls == ["failing", "refusing"]

