"""docs/policies.md is generated from the declarations and must not go stale."""

from __future__ import annotations

from migration_guard import docs
from migration_guard_policies import all_specs


def test_policy_reference_is_up_to_date() -> None:
    expected = docs.render(all_specs())
    current = docs.DEFAULT_OUTPUT.read_text(encoding="utf-8")
    assert current == expected, "docs/policies.md is stale: run `.venv/bin/migration-guard docs`"


def test_reference_documents_every_policy_with_its_examples() -> None:
    text = docs.render(all_specs())
    for spec in all_specs():
        assert f"### {spec.name}\n" in text
        assert spec.remediation in text
        assert text.count(f"](#{spec.name})") == 1


def test_check_mode_reports_stale_file(tmp_path) -> None:
    stale = tmp_path / "policies.md"
    stale.write_text("old\n", encoding="utf-8")
    assert docs.main(["--check", "--output", str(stale)]) == 1
    assert docs.main(["--output", str(stale)]) == 0
    assert docs.main(["--check", "--output", str(stale)]) == 0
