"""`secure:` config decrypted as the CLI's passphrase provider does, and never a placeholder that passes.

Pinned against pulumi/pulumi `pkg/secrets/passphrase/manager.go` (`readPassphrase`,
`symmetricCrypterFromPhraseAndState`, `NewPassphraseSecretsManager`: the `encryptionsalt` state
`v1:<salt>:<ciphertext of "pulumi">`) and `sdk/go/common/resource/config/crypt.go`
(`NewSymmetricCrypterFromPassphrase`: PBKDF2-SHA256 x 1,000,000, `symmetricCrypter.EncryptValue`:
`v1:<nonce>:<AES-256-GCM>`). The test encrypts with that scheme independently of the code under test.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import sys
from pathlib import Path

import pytest
import yaml
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from preview_support import REPO, STATES, run_cli_inprocess

from migration_guard.analyzer.protocol import UNKNOWN_STRING
from migration_guard.preview.project import load_project, load_stack_config
from migration_guard.preview.secrets import StackDecrypter, read_passphrase

PASSPHRASE = "correct horse battery staple"
SALT = b"\x01\x02\x03\x04\x05\x06\x07\x08"


def encrypt(key: bytes, plaintext: str, nonce: bytes = bytes(11) + b"\x07") -> str:
    sealed = AESGCM(key).encrypt(nonce, plaintext.encode(), None)
    return f"v1:{base64.b64encode(nonce).decode()}:{base64.b64encode(sealed).decode()}"


@pytest.fixture(scope="module")
def key() -> bytes:
    return hashlib.pbkdf2_hmac("sha256", PASSPHRASE.encode(), SALT, 1_000_000, 32)


def salt_state(key: bytes) -> str:
    check = encrypt(key, "pulumi", bytes(11) + b"\x01")
    return f"v1:{base64.b64encode(SALT).decode()}:{check}"


PROGRAM = '''
import pulumi
import pulumi_aws as aws

config = pulumi.Config()
aws.rds.Instance(
    "db-dev", engine="postgres", instance_class="db.t3.micro", allocated_storage=20, storage_encrypted=True,
    backup_retention_period=7, username="app", password=config.require_secret("dbPassword"),
)
'''


def write_project(folder: Path, key: bytes, secret: str) -> Path:
    folder.mkdir()
    (folder / "Pulumi.yaml").write_text("name: secrets-demo\nruntime: python\n")
    (folder / "__main__.py").write_text(PROGRAM)
    stack = {
        "encryptionsalt": salt_state(key),
        "config": {"aws:region": "us-east-1", "secrets-demo:dbPassword": {"secure": encrypt(key, secret)}},
    }
    (folder / "Pulumi.dev.yaml").write_text(yaml.safe_dump(stack))
    return folder


def test_passphrase_from_the_variable_or_the_trimmed_file(tmp_path: Path) -> None:
    phrase_file = tmp_path / "phrase"
    phrase_file.write_text(f"  {PASSPHRASE}\n")
    assert read_passphrase({"PULUMI_CONFIG_PASSPHRASE": "x", "PULUMI_CONFIG_PASSPHRASE_FILE": str(phrase_file)}) == "x"
    assert read_passphrase({"PULUMI_CONFIG_PASSPHRASE_FILE": str(phrase_file)}) == PASSPHRASE
    assert read_passphrase({}) is None


def test_decrypts_with_the_right_passphrase_and_refuses_a_wrong_one(key: bytes, tmp_path: Path) -> None:
    project = load_project(write_project(tmp_path / "p", key, "changeme"))
    config = load_stack_config(project, "dev", [], {"PULUMI_CONFIG_PASSPHRASE": PASSPHRASE})
    assert config.values["secrets-demo:dbPassword"] == "changeme"
    assert config.secret_keys == ["secrets-demo:dbPassword"] and not config.undecrypted
    wrong = load_stack_config(project, "dev", [], {"PULUMI_CONFIG_PASSPHRASE": "nope"})
    assert wrong.values["secrets-demo:dbPassword"] == UNKNOWN_STRING
    assert wrong.undecrypted == ["secrets-demo:dbPassword"] and wrong.undecrypted_reason == "incorrect passphrase"
    missing = load_stack_config(project, "dev", [], {})
    assert missing.values["secrets-demo:dbPassword"] == UNKNOWN_STRING


def test_another_secrets_provider_is_not_decrypted() -> None:
    decrypter = StackDecrypter.for_stack({"secretsprovider": "awskms://alias/x", "encryptionsalt": "v1:AA==:x"}, {})
    assert decrypter.decrypt("p:k", "v1:AAAA:BBBB") == UNKNOWN_STRING
    assert "awskms" in decrypter.reason


def _preview(project: Path, **env: str) -> dict:  # type: ignore[type-arg]
    previous = {k: os.environ.get(k) for k in ("PULUMI_CONFIG_PASSPHRASE", "PULUMI_CONFIG_PASSPHRASE_FILE")}
    for name in previous:
        os.environ.pop(name, None)
    os.environ.update(env)
    try:
        result = run_cli_inprocess("preview", "--cwd", str(project), "--policy-pack", str(REPO / "policy-pack"),
                                   "--pack-python", sys.executable, "--format", "json")
    finally:
        for name, value in previous.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    document = json.loads(result.stdout)
    document["stderr"] = result.stderr
    return document


def _weak_credentials(document: dict, kind: str) -> list[dict]:  # type: ignore[type-arg]
    return [v for v in document[kind] if v["policy"] == "no-weak-default-credentials"]


def test_a_weak_secret_from_config_fails_once_decrypted_and_is_never_shown(key: bytes, tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", key, "changeme")
    document = _preview(project, PULUMI_CONFIG_PASSPHRASE=PASSPHRASE)
    assert _weak_credentials(document, "violations"), document["violations"]
    assert "changeme" not in json.dumps(document)


def test_an_undecryptable_secret_is_unverifiable_never_a_pass(key: bytes, tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", key, "changeme")
    document = _preview(project)
    assert not _weak_credentials(document, "violations")
    assert _weak_credentials(document, "unverifiable"), document["unverifiable"]
    assert "secrets-demo:dbPassword" in document["stderr"]  # the keys that could not be decrypted are named


def test_audit_of_ciphertext_secrets_reports_no_weak_credentials(tmp_path: Path) -> None:
    state = json.loads((STATES / "violations-state.json").read_text())
    ciphertext = {"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", "ciphertext": "v1:AAAA:BBBB"}
    state["deployment"]["resources"].append({
        "urn": "urn:pulumi:dev::preview-violations::aws:rds/instance:Instance::cipher-dev",
        "type": "aws:rds/instance:Instance", "custom": True,
        "inputs": {"engine": "postgres", "password": ciphertext},
        "outputs": {"engine": "postgres", "password": ciphertext},
    })
    path = tmp_path / "state.json"
    path.write_text(json.dumps(state))
    result = run_cli_inprocess("audit", "--state", str(path), "--policy-pack", str(REPO / "policy-pack"),
                               "--pack-python", sys.executable, "--format", "json")
    document = json.loads(result.stdout)
    flagged = [v for v in document["violations"] if v["policy"] == "no-weak-default-credentials" and "cipher-dev" in v["urn"]]
    assert not flagged
    unverifiable = [v for v in document["unverifiable"] if v["policy"] == "no-weak-default-credentials" and "cipher-dev" in v["urn"]]
    assert unverifiable
