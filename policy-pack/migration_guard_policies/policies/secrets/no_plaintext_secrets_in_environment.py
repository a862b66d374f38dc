"""no-plaintext-secrets-in-environment: credentials are not passed as literal environment variables."""

from __future__ import annotations

import json
import re
from typing import Any

from ...context import ResourceCheck
from ...examples import Example, secret, unknown
from ...props import State, contains_unknown_text, is_unknown
from ...settings import StrListSetting
from ...spec import Family, Framework, ResourcePolicySpec
from ...types import ECS_TASK_DEFINITION, LAMBDA_FUNCTION
from ._credentials import is_credential_key, is_plain_url, is_reference, quotable, url_password

WHY = (
    "an environment variable whose name looks like a credential must not carry a literal value (the value is "
    "computed by another resource, or is a secret the offline preview could not decrypt: it cannot be verified)"
)


EXTRA_NAME_PATTERNS = StrListSetting(
    "extraNamePatterns",
    default=(),
    regex=True,
    description="More variable-name patterns (case-insensitive regular expressions) that denote credentials.",
)


def extra_patterns(r: ResourceCheck) -> list[re.Pattern[str]]:
    """The configured patterns: the setting refuses one that does not compile or is unsafe."""
    return [re.compile(item, re.IGNORECASE) for item in r.setting(EXTRA_NAME_PATTERNS) if item]


def literal_problem(name: str, value: str, extra: list[re.Pattern[str]]) -> str | None:
    """Why a literal variable value is a credential in plain text, or None."""
    if url_password(value) is not None:
        return "carries a URL with a password in it"
    if not (is_credential_key(name) or any(p.search(name) for p in extra)):
        return None
    text = value.strip()
    if not text or is_reference(text) or is_plain_url(text):
        return None  # empty, a reference to a secret, or a location without credentials
    return "looks like a credential and carries a literal value"


def check_variable(r: ResourceCheck, where: str, name: Any, value: Any, extra: list[re.Pattern[str]],
                   fix: str) -> None:
    if not isinstance(name, str):
        return
    if is_unknown(value) or (isinstance(value, str) and contains_unknown_text(value)):
        if is_credential_key(name) or any(p.search(name) for p in extra):
            r.unverifiable(where, WHY)
        return
    if not isinstance(value, str):
        return  # numbers and booleans are not credentials; the provider makes them strings
    problem = literal_problem(name, value, extra)
    if problem:
        r.violation(
            f"{where} {problem}: environment variables are readable by anyone who can describe the function or "
            f"task definition, and end up in logs and state. {fix}"
        )


def unreadable(r: ResourceCheck, where: str, what: str) -> None:
    """Fail closed: a value the policy cannot read is never read as "no variables"."""
    r.violation(
        f"{where} {what}, so its environment variables cannot be checked for credentials. Make it a valid "
        "document of the documented shape (build it with json.dumps), and keep credentials out of it."
    )


def check_lambda(r: ResourceCheck, extra: list[re.Pattern[str]]) -> None:
    variables = r.props.get("environment.variables")
    if variables.unknown:
        r.unverifiable(variables.path, WHY)
        return
    if variables.state is State.MALFORMED or (variables.state is State.VALUE and variables.map() is None):
        unreadable(r, "environment.variables", "is not a map of names to values")
        return
    fix = "Store the value in Secrets Manager or SSM SecureString and pass its ARN or name (for example DB_SECRET_ARN)."
    for name, value in (variables.map() or {}).items():
        check_variable(r, f"environment.variables.{name}" if quotable(name) else "environment.variables", name,
                       value, extra, fix)


def containers_of(r: ResourceCheck) -> list[Any] | None:
    """The container definitions, or None when the policy cannot read them (it has reported why)."""
    definitions = r.props.json("containerDefinitions")
    if definitions.unknown:
        r.unverifiable(definitions.path, WHY)
        return None
    if definitions.state is State.MALFORMED:
        unreadable(r, "containerDefinitions", "cannot be read as JSON (malformed, or nested too deeply)")
        return None
    if definitions.state is not State.VALUE:
        return []
    if isinstance(definitions.value, dict):
        return [definitions.value]
    if not isinstance(definitions.value, list):
        unreadable(r, "containerDefinitions", "is not a JSON array of container definitions")
        return None
    return definitions.value


def check_ecs(r: ResourceCheck, extra: list[re.Pattern[str]]) -> None:
    containers = containers_of(r)
    fix = "Move it to the container's secrets with valueFrom set to a Secrets Manager or SSM parameter ARN."
    for i, container in enumerate(containers or []):
        where = f"containerDefinitions[{i}].environment"
        environment = container.get("environment") if isinstance(container, dict) else None
        if is_unknown(environment):
            r.unverifiable(where, WHY)
            continue
        if not isinstance(container, dict) or not isinstance(environment, (list, type(None))):
            unreadable(r, f"containerDefinitions[{i}]", "is not a container definition with an environment list")
            continue
        for j, item in enumerate(environment or []):
            if is_unknown(item):
                r.unverifiable(f"{where}[{j}]", WHY)
            elif isinstance(item, dict):
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
        "`secrets` with `valueFrom` instead of `environment`. ARNs and `{{resolve:...}}` references are allowed. "
        "Names that say they hold a location (`..._URL`, `..._URI`, `..._ENDPOINT`, `..._URL_TOKEN`, `TOKEN_URL`) "
        "and values that are URLs without credentials in them are not credentials; a URL with a password in it "
        "(`postgres://user:password@host`) is one, whatever the variable's name. A `containerDefinitions` "
        "document the policy cannot read (malformed, nested too deeply, not an array of containers) or Lambda "
        "variables that are not a map are violations naming the property, never read as \"no variables\"."
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
            "An OAuth token endpoint in ..._URL_TOKEN is a location, not a credential",
            {"runtime": "python3.12", "environment": {"variables": {
                "OAUTH_URL_TOKEN": "https://login.example.com/oauth2/token", "TOKEN_URL": "https://idp/token"}}},
            "pass",
        ),
        Example(
            "A credential-named variable holding a URL without credentials",
            {"runtime": "python3.12", "environment": {"variables": {"API_TOKEN": "https://vault.internal/v1/token"}}},
            "pass",
        ),
        Example(
            "A connection URL with the password in it",
            {"runtime": "python3.12", "environment": {"variables": {
                "DATABASE_URL": secret("postgres://app:Zr8vQ2mL5pX9@db.internal:5432/orders")}}},
            "fail",
            mentions=("DATABASE_URL", "password"),
        ),
        Example(
            "containerDefinitions that cannot be read fail closed (issue 13)",
            {"family": "app-dev", "containerDefinitions": '[{"name": "app", "environment": '
             '[{"name": "DB_PASSWORD", "value": "changeme"}], "x": ' + "[" * 1000 + "]" * 1000 + "}]"},
            "fail",
            type=ECS_TASK_DEFINITION,
            mentions=("containerDefinitions", "cannot be read"),
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
