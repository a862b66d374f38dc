"""`secure:` stack config decrypted as the Pulumi CLI's passphrase secrets provider does.

Sources (pulumi/pulumi):
- `pkg/secrets/passphrase/manager.go`: `readPassphrase` (PULUMI_CONFIG_PASSPHRASE, else the file named
  by PULUMI_CONFIG_PASSPHRASE_FILE with surrounding whitespace trimmed), `symmetricCrypterFromPhraseAndState`
  (the stack file's `encryptionsalt` is `v1:<base64 salt>:<v1 ciphertext of "pulumi">`; a passphrase that
  does not decrypt that check value is wrong).
- `sdk/go/common/resource/config/crypt.go`: `NewSymmetricCrypterFromPassphrase` (PBKDF2-HMAC-SHA256,
  1,000,000 iterations, 32-byte key) and `symmetricCrypter.DecryptValue` (`v1:<base64 nonce>:<base64
  AES-256-GCM ciphertext+tag>`).

A value that cannot be decrypted here (no passphrase, a wrong one, another secrets provider, a damaged
ciphertext) is handed to the program as the engine's unknown string: policies that would judge it say
they cannot verify it; nothing stands in for it that a policy could pass.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from migration_guard.analyzer.protocol import UNKNOWN_STRING

PBKDF2_ITERATIONS = 1_000_000
KEY_BYTES = 32
CHECK_PLAINTEXT = "pulumi"
UNDECRYPTABLE = UNKNOWN_STRING
"""What the program sees for a `secure:` value that cannot be decrypted offline."""


def read_passphrase(environ: Mapping[str, str]) -> str | None:
    """`readPassphrase` with `useEnv`: the variable, else the file's trimmed content; None when neither."""
    if "PULUMI_CONFIG_PASSPHRASE" in environ:
        return environ["PULUMI_CONFIG_PASSPHRASE"]
    phrase_file = environ.get("PULUMI_CONFIG_PASSPHRASE_FILE")
    if phrase_file:
        try:
            return Path(phrase_file).resolve().read_text().strip()
        except (OSError, UnicodeDecodeError):
            return None
    return None


def derive_key(passphrase: str, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", passphrase.encode(), salt, PBKDF2_ITERATIONS, KEY_BYTES)


def decrypt_v1(key: bytes, value: str) -> str | None:
    """`symmetricCrypter.DecryptValue`; None when the value is not a v1 ciphertext of this key."""
    parts = value.split(":")
    if len(parts) != 3 or parts[0] != "v1":
        return None
    try:
        nonce, ciphertext = base64.b64decode(parts[1], validate=True), base64.b64decode(parts[2], validate=True)
        if len(nonce) != 12:
            return None
        return AESGCM(key).decrypt(nonce, ciphertext, None).decode()
    except (binascii.Error, ValueError, InvalidTag, UnicodeDecodeError):
        return None


def key_from_state(passphrase: str, state: str) -> bytes | None:
    """`symmetricCrypterFromPhraseAndState`: the key, or None for a malformed state or a wrong passphrase."""
    parts = state.split(":", 2)
    if len(parts) != 3 or parts[0] != "v1":
        return None
    try:
        salt = base64.b64decode(parts[1], validate=True)
    except (binascii.Error, ValueError):
        return None
    key = derive_key(passphrase, salt)
    return key if decrypt_v1(key, parts[2]) == CHECK_PLAINTEXT else None


@dataclass
class StackDecrypter:
    """Decrypts the `secure:` values of one stack file; records which keys could not be decrypted."""

    key: bytes | None
    reason: str = ""
    undecrypted: list[str] = field(default_factory=list)

    @classmethod
    def for_stack(cls, stack_data: Mapping[str, object], environ: Mapping[str, str]) -> StackDecrypter:
        provider = stack_data.get("secretsprovider")
        salt = stack_data.get("encryptionsalt")
        if isinstance(provider, str) and provider and provider != "passphrase":
            return cls(None, f"secrets provider {provider.split('://', 1)[0]} is not available offline")
        if not isinstance(salt, str) or not salt:
            return cls(None, "the stack file has no encryptionsalt (not the passphrase provider)")
        passphrase = read_passphrase(environ)
        if passphrase is None:
            return cls(None, "PULUMI_CONFIG_PASSPHRASE / PULUMI_CONFIG_PASSPHRASE_FILE is not set")
        key = key_from_state(passphrase, salt)
        return cls(key, "" if key else "incorrect passphrase")

    def decrypt(self, config_key: str, ciphertext: object) -> str:
        """The plaintext, or the unknown string (and the key recorded) when it cannot be decrypted."""
        plaintext = decrypt_v1(self.key, ciphertext) if self.key and isinstance(ciphertext, str) else None
        if plaintext is None:
            self.undecrypted.append(config_key)
            return UNDECRYPTABLE
        return plaintext
