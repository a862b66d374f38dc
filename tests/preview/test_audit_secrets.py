"""`audit`: a value that was secret in the exported state never appears in an error (issue 13).

`pulumi stack export --show-secrets` marks a secret as an object with the secret signature and its
``plaintext`` (JSON text); without --show-secrets it holds ``ciphertext`` only. A pack that fails on
such a value (here: its policy raises with the value in the exception) stops the run with an error:
stderr and every report format must carry it redacted, whatever the value's length.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from preview_support import run_cli_inprocess

SECRET_SIG = "4dabf18193072939515e22adb298388d"
SECRET_VALUE_SIG = "1b47061264138c4ac30d75fd1eb44270"
FORMATS = ("json", "sarif", "junit", "markdown", "text")

LEAKY_PACK = '''
from pulumi_policy import EnforcementLevel, PolicyPack, ResourceValidationPolicy


def crash(args, report):
    if args.resource_type == "aws:rds/instance:Instance":
        login = args.props["masterLogin"]
        raise ValueError(f"cannot parse password {args.props['password']} of {login['user']} "
                         f"(token {login['token']}, port {args.props['port']})")


PolicyPack("leaky", enforcement_level=EnforcementLevel.MANDATORY,
           policies=[ResourceValidationPolicy(name="crash", description="d", validate=crash)])
'''


def _secret(value: object) -> dict[str, str]:
    return {SECRET_SIG: SECRET_VALUE_SIG, "plaintext": json.dumps(value)}


def _state(tmp_path: Path, password: str, nested_token: str, user: str, port: int) -> Path:
    props = {"engine": "postgres", "password": _secret(password),
             "masterLogin": _secret({"user": user, "token": nested_token}),  # a JSON object as one secret
             "port": _secret(port), "kmsKeyId": {SECRET_SIG: SECRET_VALUE_SIG, "ciphertext": "v1:AAAA"}}
    state = {"version": 3, "deployment": {"resources": [
        {"urn": "urn:pulumi:dev::demo::pulumi:pulumi:Stack::demo-dev", "type": "pulumi:pulumi:Stack", "custom": False},
        {"urn": "urn:pulumi:dev::demo::aws:rds/instance:Instance::orders-dev", "type": "aws:rds/instance:Instance",
         "custom": True, "inputs": props, "outputs": props},
    ]}}
    path = tmp_path / "state.json"
    path.write_text(json.dumps(state))
    return path


def _pack(tmp_path: Path) -> Path:
    pack = tmp_path / "leaky-pack"
    pack.mkdir()
    (pack / "PulumiPolicy.yaml").write_text("runtime: python\nversion: 0.0.1\n")
    (pack / "__main__.py").write_text(LEAKY_PACK)
    return pack


@pytest.mark.parametrize("debug", [False, True])
def test_secrets_of_the_state_are_redacted_from_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       debug: bool) -> None:
    if debug:  # the traceback printed on an internal error is redacted too
        monkeypatch.setenv("MIGRATION_GUARD_DEBUG", "1")
    password, token, user, port = "Canary-Pw-7731", "canarytok-55", "q7x", 48213
    state, pack = _state(tmp_path, password, token, user, port), _pack(tmp_path)
    outputs = {fmt: tmp_path / f"report.{fmt}" for fmt in FORMATS}
    args = ["audit", "--state", str(state), "--policy-pack", str(pack), "--pack-python", sys.executable]
    for fmt, path in outputs.items():
        args += ["--format", f"{fmt}={path}"]
    result = run_cli_inprocess(*args)
    assert result.returncode == 2
    assert "cannot parse password [secret] of [secret] (token [secret], port [secret])" in result.stderr
    texts = {"stderr": result.stderr, "stdout": result.stdout, **{f: p.read_text() for f, p in outputs.items()}}
    assert all(texts[fmt] for fmt in FORMATS), "every format wrote its error report"
    assert all("cannot parse password" in texts[fmt] for fmt in FORMATS), "the error is in every report"
    for where, text in texts.items():
        for value in (password, token, str(port)):
            assert value not in text, f"{value} in {where}"
        assert "of q7x " not in text, where  # a secret shorter than four characters, as a whole value


def test_the_redactor_takes_secrets_after_it_is_made() -> None:
    from migration_guard.commands.output import Redactor

    redact = Redactor(["config-secret"])
    redact.add(["state-secret", "ab", ""])
    assert redact("config-secret state-secret ab abc lab") == "[secret] [secret] [secret] abc lab"


@pytest.mark.parametrize("port", [12345678901234567, 2**53 + 1, -(10**17)])
def test_a_secret_number_past_2_53_is_redacted_in_the_double_form_the_pack_prints(tmp_path: Path,
                                                                                   port: int) -> None:
    """The engine sends numbers as doubles (google.protobuf Struct), so the pack prints
    12345678901234567 as 1.2345678901234568e+16, a form that is not the secret's own digits."""
    state, pack = _state(tmp_path, "Canary-Pw-7731", "canarytok-55", "q7x", port), _pack(tmp_path)
    result = run_cli_inprocess("audit", "--state", str(state), "--policy-pack", str(pack),
                               "--pack-python", sys.executable, "--format", "text")
    assert result.returncode == 2
    assert "port [secret])" in result.stderr
    for form in (str(port), repr(float(port)), str(int(float(port)))):
        assert form not in result.stderr + result.stdout, form


def test_number_forms_cover_every_finite_double() -> None:
    from migration_guard.preview.engine import _number_forms

    assert _number_forms({"12345678901234567"}) == {"1.2345678901234568e+16", "12345678901234568"}
    assert _number_forms({"5432"}) == {"5432.0", "5432"}
    # A fraction with more digits than a double holds: the pack prints the double.
    assert _number_forms({"0.12345678901234567891"}) == {"0.12345678901234568"}
    assert _number_forms({"1e-7"}) == {"1e-07"}
    assert _number_forms({"nan", "inf", "-Infinity", "hunter2"}) == set()
