"""secretsmanager-secret-rotation-enabled: every secret of the stack is rotated on a schedule."""

from __future__ import annotations

import re

from ...context import StackCheck, StackResourceView
from ...examples import StackExample, StackResource, unknown
from ...settings import IntSetting
from ...spec import Family, StackPolicySpec
from ...types import SECRETSMANAGER_SECRET

SECRET_ROTATION = "aws:secretsmanager/secretRotation:SecretRotation"
ROTATION_GUIDE = "https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html"
DEFAULT_MAX_DAYS = 90
_RATE_DAYS = re.compile(r"^\s*rate\(\s*(\d+)\s+days?\s*\)\s*$", re.IGNORECASE)
_RATE_HOURS = re.compile(r"^\s*rate\(\s*(\d+)\s+hours?\s*\)\s*$", re.IGNORECASE)


MAX_DAYS = IntSetting(
    "maxDays",
    default=DEFAULT_MAX_DAYS,
    minimum=1,
    maximum=1000,
    description="The longest allowed interval between rotations, in days.",
)


def max_days(s: StackCheck) -> int:
    value = s.setting(MAX_DAYS)
    return value if value >= 1 else DEFAULT_MAX_DAYS


def names_secret(rotation: StackResourceView, secret: StackResourceView) -> bool:
    """The rotation's `secretId` is the secret's literal name or an ARN of it (``...:secret:<name>-AbCdEf``)."""
    secret_id = rotation.props.get("secretId").str()
    name = secret.props.get("name").str()
    if not secret_id or not name:
        return False
    return secret_id == name or (secret_id.startswith("arn:") and f":secret:{name}-" in secret_id)


def rotations_of(s: StackCheck, secret: StackResourceView, rotations: list[StackResourceView]) -> list[StackResourceView]:
    """The rotations whose `secretId` came from the secret (property dependency) or names it literally."""
    return [r for r in rotations if r.depends_on("secretId", secret) or names_secret(r, secret)]


def schedule_days(expression: str) -> int | None:
    """Days between rotations of a `rate(...)` expression; None for cron() and anything else."""
    days = _RATE_DAYS.match(expression)
    if days:
        return int(days.group(1))
    hours = _RATE_HOURS.match(expression)
    return max(1, int(hours.group(1)) // 24) if hours else None


def rotation_verdict(s: StackCheck, rotation: StackResourceView, limit: int) -> str | None:
    """None when the rotation rotates often enough; "unknown" when it cannot be decided; else why not.

    Reads what the program set (the Analyze inputs): the engine's AnalyzeStack shows provider-computed
    attributes the program left unset (rotationEnabled, the other rotationRules field) as unknown."""
    props = s.analyzed(rotation) or rotation.props
    enabled = props.get("rotationEnabled")
    if enabled.unknown:
        s.unverifiable_for(rotation, "rotationEnabled", "a disabled rotation does not rotate the secret")
        return "unknown"
    if enabled.is_false():
        return "its SecretRotation sets rotationEnabled: false"
    days = props.get("rotationRules.automaticallyAfterDays")
    schedule = props.get("rotationRules.scheduleExpression")
    if schedule.has_unknown() or (days.has_unknown() and not schedule.is_set):
        prop = "rotationRules.scheduleExpression" if schedule.has_unknown() else "rotationRules.automaticallyAfterDays"
        s.unverifiable_for(rotation, prop, f"the secret must be rotated at least every {limit} days")
        return "unknown"
    interval = days.int() if days.is_set else None
    if schedule.is_set:
        interval = schedule_days(schedule.str() or "")
        if interval is None:
            return None  # a cron() schedule: at least yearly by construction, taken as set
    if interval is None:
        return "its SecretRotation sets neither rotationRules.automaticallyAfterDays nor rotationRules.scheduleExpression"
    if interval > limit:
        return f"its SecretRotation rotates every {interval} days, more than maxDays ({limit})"
    return None


def check(s: StackCheck) -> None:
    limit = max_days(s)
    rotations = s.of_type(SECRET_ROTATION)
    for secret in s.of_type(SECRETSMANAGER_SECRET):
        verdicts = [rotation_verdict(s, r, limit) for r in rotations_of(s, secret, rotations)]
        if any(v is None for v in verdicts) or "unknown" in verdicts:
            continue
        why = next((v for v in verdicts if v), "no SecretRotation of this stack rotates it (its secretId depends on "
                                               "the secret or names it)")
        s.violation(
            f"secret '{secret.name}' is not rotated at least every {limit} days: {why}. A credential that never "
            "changes stays valid for anyone who ever read it. Add an aws.secretsmanager.SecretRotation with "
            f"secret_id=secret.id and rotation_rules={{\"automatically_after_days\": {min(30, limit)}}} (or a "
            f"schedule_expression), backed by a rotation function ({ROTATION_GUIDE}).",
            secret,
        )


def _secret(name: str, **props: object) -> StackResource:
    return StackResource(SECRETSMANAGER_SECRET, name, {"name": name, "kmsKeyId": unknown(), **props})


def _rotation(name: str, secret: str, rules: object) -> StackResource:
    return StackResource(SECRET_ROTATION, name, {"secretId": unknown(), "rotationLambdaArn": unknown(),
                                                 "rotationRules": rules}, deps={"secretId": (secret,)})


SPEC = StackPolicySpec(
    name="secretsmanager-secret-rotation-enabled",
    description="Every Secrets Manager secret of the stack is rotated automatically, at least every maxDays days.",
    family=Family.SECRETS,
    severity="medium",
    level="advisory",
    resource_types=(SECRETSMANAGER_SECRET, SECRET_ROTATION),
    rule=(
        "Every Secret has a SecretRotation (its `secretId` depends on the secret, or names it by name or ARN) whose "
        "`rotationRules.automaticallyAfterDays` is at most maxDays, or whose `rotationRules.scheduleExpression` is "
        "set (a `rate(N days)` schedule is held to maxDays too); a SecretRotation with `rotationEnabled: false` does "
        "not count. Secrets managed by RDS (manageMasterUserPassword) are not Secret resources of the stack and are "
        f"rotated by RDS. AWS: {ROTATION_GUIDE}."
    ),
    unknown_handling="unverifiable (rotationRules or rotationEnabled computed from another output)",
    remediation=(
        "1. Add aws.secretsmanager.SecretRotation(secret_id=secret.id, rotation_lambda_arn=fn.arn, "
        "rotation_rules={\"automatically_after_days\": 30}) for each secret (for RDS credentials, use the AWS "
        "rotation function templates or let RDS manage the master password).\n"
        "2. Make sure the rotation function can reach the database and Secrets Manager (VPC endpoints).\n"
        "3. Secrets that cannot rotate (third-party API keys): exempt them with a reason and an expiry."
    ),
    refs=("SecretsManager.1", "SecretsManager.4", "CKV_AWS_304"),
    echoes=frozenset({"rotationRules.automaticallyAfterDays"}),
    settings=(MAX_DAYS,),
    check=check,
    examples=(
        StackExample(
            "Secret rotated every 30 days",
            (_secret("orders-db-dev"), _rotation("orders-db-rotation-dev", "orders-db-dev",
                                                 {"automaticallyAfterDays": 30})),
            "pass",
        ),
        StackExample(
            "Secret rotated on a cron schedule",
            (_secret("orders-db-dev"), _rotation("orders-db-rotation-dev", "orders-db-dev",
                                                 {"scheduleExpression": "cron(0 4 ? * SUN *)"})),
            "pass",
        ),
        StackExample(
            "Secret without a rotation",
            (_secret("orders-db-dev"),),
            "fail",
            mentions=("orders-db-dev", "SecretRotation"),
            failing=("orders-db-dev",),
        ),
        StackExample(
            "Rotation every 180 days, more than maxDays",
            (_secret("orders-db-dev"), _rotation("orders-db-rotation-dev", "orders-db-dev",
                                                 {"automaticallyAfterDays": 180})),
            "fail",
            mentions=("180", "maxDays"),
            failing=("orders-db-dev",),
        ),
        StackExample(
            "Rotation found by the secret's literal name",
            (_secret("orders-db-dev"), StackResource(SECRET_ROTATION, "orders-db-rotation-dev", {
                "secretId": "orders-db-dev", "rotationRules": {"automaticallyAfterDays": 7}})),
            "pass",
        ),
        StackExample(
            "Rotation interval computed from another output",
            (_secret("orders-db-dev"), _rotation("orders-db-rotation-dev", "orders-db-dev",
                                                 {"automaticallyAfterDays": unknown("number")})),
            "unverifiable",
        ),
    ),
)
