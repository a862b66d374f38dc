"""no-plaintext-secrets-in-environment: credentials are not passed as literal environment variables."""

from __future__ import annotations

import json
import re
from typing import Any

from ...context import ResourceCheck
from ...examples import Example, secret, unknown
from ...props import contains_unknown_text, is_unknown
from ...settings import StrListSetting
from ...spec import Family, Framework, ResourcePolicySpec
from ...types import ECS_TASK_DEFINITION, LAMBDA_FUNCTION
from ._credentials import is_credential_key, is_reference, quotable

EXTRA_NAME_PATTERNS = StrListSetting(
    "extraNamePatterns",
    default=(),
    regex=True,
    description="More variable-name patterns (case-insensitive regular expressions) that denote credentials.",
)

WHY = "an environment variable whose name looks like a credential must not carry a literal value"


def extra_patterns(r: ResourceCheck) -> list[re.Pattern[str]]:
    patterns = []
    for item in r.setting(EXTRA_NAME_PATTERNS):
        if isinstance(item, str) and item:
            try:
                patterns.append(re.compile(item, re.IGNORECASE))
            except re.error:
                patterns.append(re.compile(re.escape(item), re.IGNORECASE))
    return patterns


def check_variable(r: ResourceCheck, where: str, name: Any, value: Any, extra: list[re.Pattern[str]],
                   fix: str) -> None:
    if not isinstance(name, str):
        return
    if not (is_credential_key(name) or any(p.search(name) for p in extra)):
        return
    if is_unknown(value) or (isinstance(value, str) and contains_unknown_text(value)):
        r.unverifiable(where, WHY)
    elif isinstance(value, str) and value.strip() and not is_reference(value.strip()):
        r.violation(
            f"{where} looks like a credential and carries a literal value: environment variables are readable by "
            f"anyone who can describe the function or task definition, and end up in logs and state. {fix}"
        )


def check_lambda(r: ResourceCheck, extra: list[re.Pattern[str]]) -> None:
    variables = r.props.get("environment.variables")
    if variables.unknown:
        r.unverifiable(variables.path, WHY)
        return
    fix = "Store the value in Secrets Manager or SSM SecureString and pass its ARN or name (for example DB_SECRET_ARN)."
    for name, value in (variables.map() or {}).items():
        check_variable(r, f"environment.variables.{name}", name, value, extra, fix)


def check_ecs(r: ResourceCheck, extra: list[re.Pattern[str]]) -> None:
    definitions = r.props.json("containerDefinitions")
    if definitions.unknown:
        r.unverifiable(definitions.path, WHY)
        return
    fix = "Move it to the container's secrets with valueFrom set to a Secrets Manager or SSM parameter ARN."
    containers = definitions.value if isinstance(definitions.value, list) else [definitions.value]
    for i, container in enumerate(containers):
        environment = container.get("environment") if isinstance(container, dict) else None
        where = f"containerDefinitions[{i}].environment"
        if is_unknown(environment):
            r.unverifiable(where, WHY)
            continue
        for j, item in enumerate(environment if isinstance(environment, list) else []):
            if isinstance(item, dict):
                name = item.get("name")
                label = f"{where}[{j}]" + (f" ({name})" if isinstance(name, str) and quotable(name) else "")
                check_variable(r, label, name, item.get("value"), extra, fix)


def check(r: ResourceCheck) -> None:
    extra = extra_patterns(r)
    if r.type == LAMBDA_FUNCTION:
        check_lambda(r, extra)
    else:
        check_ecs(r, extra)


SPEC = ResourcePolicySpec(
    name="no-plaintext-secrets-in-environment",
    description="Lambda functions and ECS task definitions do not pass credentials as literal environment variables.",
    family=Family.SECRETS,
    severity="high",
    level="mandatory",
    resource_types=(LAMBDA_FUNCTION, ECS_TASK_DEFINITION),
    rule=(
        "Environment variables whose names look like credentials (PASSWORD, PASSWD, PWD, SECRET, TOKEN, API_KEY, "
        "PRIVATE_KEY, ..., and extraNamePatterns; names ending in _ARN, _ID, _NAME and the like are references) "
        "do not carry literal values: Lambda `environment.variables` hold the ARN or name of a Secrets Manager "
        "secret or SSM parameter that the function reads; ECS containers in `containerDefinitions` use "
        "`secrets` with `valueFrom` instead of `environment`. ARNs and `{{resolve:...}}` references are allowed."
    ),
    unknown_handling=(
        "unverifiable: an unknown value of a credential-named variable, unknown Lambda variables, or an unknown "
        "containerDefinitions document"
    ),
    remediation=(
        "1. ECS: replace {\"name\": \"DB_PASSWORD\", \"value\": ...} in environment with "
        "{\"name\": \"DB_PASSWORD\", \"valueFrom\": secret.arn} in secrets, and let the task execution role read it.\n"
        "2. Lambda: set DB_SECRET_ARN=secret.arn and read the secret at start-up (AWS Parameters and Secrets "
        "Lambda Extension or the SDK).\n"
        "3. Rotate every credential that was ever set as a literal environment variable."
    ),
    framework=Framework("AWS Config managed rule", "ecs-no-environment-secrets"),
    refs=("CKV_AWS_45",),
    settings=(EXTRA_NAME_PATTERNS,),
    check=check,
    examples=(
        Example(
            "Lambda reading its database secret by ARN",
            {"runtime": "python3.12", "environment": {"variables": {"DB_SECRET_ARN": unknown(), "LOG_LEVEL": "info"}}},
            "pass",
        ),
        Example(
            "Lambda with a literal API token",
            {"runtime": "python3.12", "environment": {"variables": {"API_TOKEN": secret("tok-8f2b1c9d7e")}}},
            "fail",
            mentions=("API_TOKEN",),
        ),
        Example(
            "ECS container with the password in environment",
            {"family": "app-dev", "containerDefinitions": json.dumps([{
                "name": "app", "image": "app:1.4.2",
                "environment": [{"name": "DB_PASSWORD", "value": "Zr8!vQ2#mL5pX9tw"}],
            }])},
            "fail",
            type=ECS_TASK_DEFINITION,
            mentions=("DB_PASSWORD", "valueFrom"),
        ),
        Example(
            "ECS container using secrets with valueFrom",
            {"family": "app-dev", "containerDefinitions": json.dumps([{
                "name": "app", "image": "app:1.4.2",
                "environment": [{"name": "DB_HOST", "value": "db.internal"}],
                "secrets": [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db"}],
            }])},
            "pass",
            type=ECS_TASK_DEFINITION,
        ),
        Example(
            "Custom name pattern",
            {"runtime": "python3.12", "environment": {"variables": {"STRIPE_SK": secret("sk_live_x")}}},
            "fail",
            config={"extraNamePatterns": ["_SK$"]},
        ),
        Example(
            "Variable value computed from another output",
            {"runtime": "python3.12", "environment": {"variables": {"DB_PASSWORD": unknown()}}},
            "unverifiable",
        ),
        Example(
            "containerDefinitions computed from other outputs",
            {"family": "app-dev", "containerDefinitions": unknown()},
            "unverifiable",
            type=ECS_TASK_DEFINITION,
        ),
    ),
)
