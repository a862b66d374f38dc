"""The one validator of a policy's configuration (settings.config_problems) and the typed reads agree."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from migration_guard_policies import all_specs
from migration_guard_policies.settings import DateSetting, IntSetting, StrListSetting, config_problems

TODAY = dt.date(2026, 12, 2)
ODD_VALUES: list[Any] = [None, True, 0, 5, -3, 2.5, float("nan"), float("inf"), "", "x", "2027-02-30", "2026-01-31",
                         [], ["a"], [5], ["(a+)+"], ["(["], {}, {"k": 1}, "x" * 5000]


def test_every_declared_default_is_accepted() -> None:
    for spec in all_specs():
        defaults = {key: schema["default"] for key, schema in spec.config_schema().items() if "default" in schema}
        assert config_problems(spec.settings, defaults) == [], spec.name


@pytest.mark.parametrize("raw", ODD_VALUES, ids=repr)
def test_a_read_uses_exactly_the_values_configure_accepts(raw: Any) -> None:
    for spec in all_specs():
        for setting in spec.settings:
            problems = setting.problems(raw, setting.key)
            value = setting.accept(raw, lambda: TODAY)
            empty_date = isinstance(setting, DateSetting) and raw == ""  # "" means today: read as the default
            assert (value is None) == (bool(problems) or empty_date), (spec.name, setting.key, raw, problems)
            assert all(p.startswith(f"{setting.key}") for p in problems)


def test_problems_name_the_key_in_gojsonschema_wording() -> None:
    days = IntSetting("minDays", description="d", default=7, minimum=1, maximum=35)
    patterns = StrListSetting("extra", description="d", regex=True)
    as_of = DateSetting("asOf", description="d")
    assert config_problems((days, patterns, as_of), {
        "minDays": 40, "mindays": 3, "extra": ["ok", "(a|a)*$", "(["], "asOf": "2026-13-01",
        "exemptions": [{"resource": "", "reason": "r", "expires": "2027-02-29"}, "db-*"],
    }) == [
        "Additional property mindays is not allowed",
        "asOf: Does not match format 'date'",
        "exemptions.0.expires: Does not match format 'date'",
        "exemptions.0.resource: String length must be greater than or equal to 1",
        "exemptions.1: Invalid type. Expected: object, given: string",
        "extra.1: Does not match format 'regex': it can backtrack catastrophically (a nested quantifier, a "
        "back-reference or more than 512 characters); rewrite it without them",
        "extra.2: Does not match format 'regex'",
        "minDays: Must be less than or equal to 35",
    ]
