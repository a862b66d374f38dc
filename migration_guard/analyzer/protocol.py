"""The Analyzer protocol's constants, defined once for the preview, the test harness and the tests.

Sources (pulumi/pulumi): `sdk/go/common/resource/plugin/rpc.go` (the unknown sentinels),
`sdk/go/common/resource/sig/sig.go` (the special-signature key and the secret/resource-reference
signatures), `proto/pulumi/analyzer.proto` (enforcement levels, severities, policy types).
"""

from __future__ import annotations

from pulumi.runtime.proto import analyzer_pb2

UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"
"""The engine's unknown-string sentinel (also its unknown provider id during preview)."""
UNKNOWN_BOOL = "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7"
UNKNOWN_NUMBER = "3eeb2bf0-c639-47a8-9e75-3b44932eb421"
UNKNOWN_ARRAY = "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2"
UNKNOWN_ASSET = "030794c1-ac77-496b-92df-f27374a8bd58"
UNKNOWN_ARCHIVE = "e48ece36-62e2-4504-bad9-02848725956a"
UNKNOWN_OBJECT = "dd056dcd-154b-4c76-9bd3-c8f88648b5ff"
UNKNOWN_SENTINELS = frozenset(
    {UNKNOWN_STRING, UNKNOWN_BOOL, UNKNOWN_NUMBER, UNKNOWN_ARRAY, UNKNOWN_ASSET, UNKNOWN_ARCHIVE, UNKNOWN_OBJECT}
)
SPECIAL_SIG_KEY = "4dabf18193072939515e22adb298388d"
SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270"
RESOURCE_REF_SIG = "5cf8f73096256a8f31e491e813e4eb8e"
ROOT_STACK_TYPE = "pulumi:pulumi:Stack"

PLACEHOLDER_ENGINE_ADDRESS = "127.0.0.1:1"
"""Passed where the CLI passes its engine address; packs built on pulumi-policy never call it back."""
MAX_MESSAGE_BYTES = 1024 * 1024 * 400
"""What pulumi-policy's own server allows (`pulumi_policy/policy.py`, `_MAX_RPC_MESSAGE_SIZE`)."""

ENFORCEMENT_LEVELS: dict[str, analyzer_pb2.EnforcementLevel.ValueType] = {
    "advisory": analyzer_pb2.ADVISORY,
    "mandatory": analyzer_pb2.MANDATORY,
    "remediate": analyzer_pb2.REMEDIATE,
    "disabled": analyzer_pb2.DISABLED,
}
ENFORCEMENT_LEVEL_NAMES: dict[analyzer_pb2.EnforcementLevel.ValueType, str] = {
    v: k for k, v in ENFORCEMENT_LEVELS.items()
}
SEVERITY_NAMES: dict[analyzer_pb2.PolicySeverity.ValueType, str] = {
    analyzer_pb2.POLICY_SEVERITY_UNSPECIFIED: "",
    analyzer_pb2.POLICY_SEVERITY_LOW: "low",
    analyzer_pb2.POLICY_SEVERITY_MEDIUM: "medium",
    analyzer_pb2.POLICY_SEVERITY_HIGH: "high",
    analyzer_pb2.POLICY_SEVERITY_CRITICAL: "critical",
}
POLICY_TYPES: dict[int, str] = {0: "unknown", 1: "resource", 2: "stack"}
