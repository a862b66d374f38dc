"""no-weak-default-credentials: no credential-like property holds a default, placeholder or weak literal."""

from __future__ import annotations

import json

from ... import types as t
from ...context import ResourceCheck
from ...examples import Example, secret, unknown
from ...settings import IntSetting, StrListSetting
from ...spec import Family, ResourcePolicySpec
from ._credentials import credential_values, shown_path, weakness

WHY = (
    "a credential-like property must not hold a default, placeholder, short or low-entropy literal (the value is "
    "computed by another resource, or is a secret the offline preview could not decrypt: it cannot be verified)"
)


MIN_LENGTH = IntSetting(
    "minLength",
    default=12,
    minimum=1,
    description="Credentials shorter than this are weak.",
)
EXTRA_DENYLIST = StrListSetting(
    "extraDenylist",
    default=(),
    description="More values to reject (case-insensitive), such as your organisation's old defaults.",
)


def check(r: ResourceCheck) -> None:
    min_length = r.setting(MIN_LENGTH)
    min_length = int(min_length) if isinstance(min_length, (int, float)) and not isinstance(min_length, bool) else 12
    extra = [item for item in (r.setting(EXTRA_DENYLIST) or []) if isinstance(item, str)]
    for found in credential_values(r.props.data):
        path = shown_path(found.path)
        if found.unreadable:
            r.violation(unreadable_message(path))
            continue
        if found.wrong_type:
            r.wrong_type(path, "string")
            continue
        if found.value is None:
            r.unverifiable(path, WHY)
            continue
        reason = weakness(found.value, min_length, extra)
        if reason:
            r.violation(
                f"{path} {reason}: such credentials are the first ones attackers try, and the literal is "
                "stored in the program, its config and the Pulumi state. Let the service generate and keep the "
                "credential (manageMasterUserPassword, Secrets Manager rotation) or reference a secret by ARN."
            )


def unreadable_message(path: str) -> str:
    return (
        f"{path} looks like a JSON document but cannot be read (malformed, or nested too deeply): it may carry "
        "credentials that cannot be checked, so it is not accepted. Make it a valid JSON document of reasonable "
        "depth (build it with json.dumps), and keep credentials out of it."
    )


_ECS_CONTAINERS = json.dumps([{
    "name": "app",
    "image": "app:1.4.2",
    "environment": [{"name": "LOG_LEVEL", "value": "info"}, {"name": "DB_PASSWORD", "value": "changeme"}],
}])
_DEEP = '{"name": "sidecar", "image": "proxy:2.1", "x": ' + "[" * 1000 + "]" * 1000 + "}"

SPEC = ResourcePolicySpec(
    name="no-weak-default-credentials",
    description="No credential-like property holds a known default, a placeholder or a weak literal.",
    family=Family.SECRETS,
    severity="critical",
    level="mandatory",
    resource_types=("*",),
    rule=(
        "No credential-like property (key matches password, passwd, pwd, pass, passphrase, secret, token, apiKey, "
        "privateKey, authToken and the like, at any depth, including JSON documents held in strings such as ECS "
        "`containerDefinitions` or `secretString`, name/value pairs such as ECS `environment`, `key=value;` attribute strings such as DMS "
        "`extraConnectionAttributes`, and the password of a `scheme://user:password@host` URL) holds a literal "
        "that is a known default or placeholder (password, changeme, ChangeMe123456, admin, Passw0rd, example..., "
        "or extraDenylist), shorter than minLength, or of low entropy. Reference-valued and setting keys "
        "(`...Arn`, `...Id`, `...Length`, `...Version`, `secretsManager...`, `kmsKey...`, `manage...`) are "
        "excluded, as are ARNs and `{{resolve:...}}` references, and names that say they hold a location (`..._URL`, "
        "`..._URI`, `..._ENDPOINT`, `..._URL_TOKEN`, `TOKEN_URL`). A string that looks like a JSON document (it "
        "starts with `{` or `[` and ends with `}` or `]`) but cannot be read - malformed, or nested too deeply - is a "
        "violation naming the property: it is never read as a document without credentials; so is an ECS "
        "`containerDefinitions` (a JSON document by type) that is not a readable JSON object or array. Every "
        "resource except `pulumi:*` types."
    ),
    unknown_handling=(
        "unverifiable: a credential-like value (or a whole containerDefinitions document or extraConnectionAttributes "
        "string) unknown during preview"
    ),
    remediation=(
        "1. Never write credentials in the program or in plain config: RDS manage_master_user_password=True, "
        "DMS endpoints with secrets_manager_arn, ECS secrets with valueFrom.\n"
        "2. Where a password must be created by Pulumi, generate it (random.RandomPassword(length=32)) and store "
        "it in Secrets Manager.\n"
        "3. Rotate any credential that was ever committed or set to a default."
    ),
    refs=("seed 000 (ChangeMe123456)", "seed 004 (password)"),
    settings=(MIN_LENGTH, EXTRA_DENYLIST),
    check=check,
    examples=(
        Example(
            "Generated, strong password held in a secret version",
            {"secretId": unknown(), "secretString": secret(json.dumps({"username": "dms_user",
                                                                        "password": "q7R#vX2m!Lp9Zt4w"}))},
            "pass",
            type=t.SECRETSMANAGER_SECRET_VERSION,
        ),
        Example(
            "Seed 000: ChangeMe123456 as the master password",
            {"engine": "postgres", "username": "admin", "password": secret("ChangeMe123456")},
            "fail",
            type=t.RDS_INSTANCE,
            mentions=("password",),
        ),
        Example(
            "Seed 004: 'password' as a DMS endpoint password",
            {"endpointId": "source-dev", "endpointType": "source", "engineName": "postgres", "password": "password"},
            "fail",
            type=t.DMS_ENDPOINT,
            mentions=("password",),
        ),
        Example(
            "Placeholder inside ECS containerDefinitions",
            {"family": "app-dev", "containerDefinitions": _ECS_CONTAINERS},
            "fail",
            type=t.ECS_TASK_DEFINITION,
            mentions=("DB_PASSWORD",),
        ),
        Example(
            "Short ElastiCache auth token",
            {"replicationGroupId": "cache-dev", "authToken": secret("s3cr3t")},
            "fail",
            type=t.ELASTICACHE_REPLICATION_GROUP,
            mentions=("authToken", "12"),
        ),
        Example(
            "References and settings are not credentials",
            {"engineName": "postgres", "secretsManagerArn": unknown(), "secretsManagerAccessRoleArn": unknown(),
             "kmsKeyArn": unknown()},
            "pass",
            type=t.DMS_ENDPOINT,
        ),
        Example(
            "Password inside a DMS extraConnectionAttributes string",
            {"endpointId": "source-dev", "endpointType": "source", "engineName": "oracle",
             "extraConnectionAttributes": "useLogminerReader=N;asm_user=asmuser;asm_password=changeme"},
            "fail",
            type=t.DMS_ENDPOINT,
            mentions=("extraConnectionAttributes", "asm_password"),
        ),
        Example(
            "Attribute string without credentials",
            {"endpointId": "source-dev", "endpointType": "source", "engineName": "postgres",
             "extraConnectionAttributes": "heartbeatEnable=true;heartbeatFrequency=1"},
            "pass",
            type=t.DMS_ENDPOINT,
        ),
        Example(
            "containerDefinitions nested too deeply to read fails closed (issue 13)",
            {"family": "app-dev", "containerDefinitions": _ECS_CONTAINERS[:-1] + ", " + _DEEP + "]"},
            "fail",
            type=t.ECS_TASK_DEFINITION,
            mentions=("containerDefinitions", "cannot be read"),
        ),
        Example(
            "Password generated by another resource, unknown during preview",
            {"engine": "postgres", "password": unknown()},
            "unverifiable",
            type=t.RDS_INSTANCE,
        ),
    ),
)
