"""rds-parameter-group-enforces-tls: PostgreSQL and MySQL parameter groups make clients use TLS."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...context import ResourceCheck
from ...examples import Example, unknown
from ...props import Read
from ...spec import Family, ResourcePolicySpec
from ...types import RDS_CLUSTER_PARAMETER_GROUP, RDS_PARAMETER_GROUP

_FAMILY = re.compile(r"^(aurora-postgresql|postgres|aurora-mysql|mysql|mariadb)(\d+)", re.IGNORECASE)
WHY = "it decides whether the database accepts connections without TLS"


@dataclass(frozen=True)
class TlsParameter:
    name: str
    on: tuple[str, ...]  # values that enforce TLS (compared case-insensitively)
    default_on: bool  # whether the engine's default enforces TLS
    default_note: str


def _tls_parameter(engine: str, major: int) -> TlsParameter:
    if engine == "postgres":
        return TlsParameter("rds.force_ssl", ("1",), major >= 15,
                            "RDS for PostgreSQL defaults rds.force_ssl to 1 from version 15 and to 0 before")
    if engine == "aurora-postgresql":
        return TlsParameter("rds.force_ssl", ("1",), False, "Aurora PostgreSQL defaults rds.force_ssl to 0")
    return TlsParameter("require_secure_transport", ("1", "on"), False,
                        "MySQL, MariaDB and Aurora MySQL default require_secure_transport to OFF")


def _family(r: ResourceCheck) -> tuple[str, int] | None:
    family = r.props.get("family")
    if r.check_unknown(family, "the engine family decides which TLS parameter applies"):
        return None
    match = _FAMILY.match(family.str() or "")
    if match is None:
        r.not_applicable("the family is not PostgreSQL, MySQL or MariaDB (no TLS parameter is checked)")
    engine = match.group(1).lower()
    if r.type == RDS_PARAMETER_GROUP and engine.startswith("aurora-"):
        r.not_applicable("Aurora sets TLS enforcement in the cluster parameter group, not the instance one")
    return engine, int(match.group(2))


def _values(r: ResourceCheck, name: str) -> list[Read] | None:
    """The value reads of every `parameters` entry named ``name``; None when that cannot be decided."""
    params = r.props.get("parameters")
    if params.unknown:
        r.unverifiable(params.path, WHY)
        return None
    items = params.list()
    if items is None and params.present:
        r.violation("parameters cannot be read as a list of {name, value}: TLS enforcement cannot be verified. "
                    "Set parameters to a list of name/value entries.")
        return None
    found: list[Read] = []
    undecided = False
    for index in range(len(items or [])):
        entry = r.props.get(f"parameters[{index}].name")
        if entry.has_unknown():
            r.unverifiable(entry.path, WHY)
            undecided = True
        elif (entry.str() or "").lower() == name:
            found.append(r.props.get(f"parameters[{index}].value"))
    return None if undecided and not found else found


def check(r: ResourceCheck) -> None:
    family = _family(r)
    if family is None:
        return
    tls = _tls_parameter(*family)
    values = _values(r, tls.name)
    if values is None:
        return
    wanted = " or ".join(tls.on)
    for value in values:
        if r.check_unknown(value, WHY):
            continue
        text = value.peek_str() if value.peek_str() is not None else (str(value.value) if value.int() is not None else None)
        if text is None or text.strip().lower() not in tls.on:
            r.violation(f"{value.path} ({tls.name}) does not enforce TLS: clients could connect in plaintext. Set "
                        f"{tls.name} to {wanted}.")
    if not values and not tls.default_on:
        r.violation(f"{tls.name} is not set, and {tls.default_note}: clients could connect in plaintext. Add a "
                    f"parameters entry {{name: {tls.name}, value: {tls.on[0]}}}.")


SPEC = ResourcePolicySpec(
    name="rds-parameter-group-enforces-tls",
    description="RDS parameter groups for PostgreSQL, MySQL and MariaDB require TLS for client connections.",
    family=Family.ENCRYPTION,
    severity="high",
    level="mandatory",
    resource_types=(RDS_PARAMETER_GROUP, RDS_CLUSTER_PARAMETER_GROUP),
    rule=(
        "A group of a postgres family does not set `rds.force_ssl` to anything but 1, and a group of a family "
        "before postgres15 sets it to 1 (RDS for PostgreSQL defaults rds.force_ssl to 0 before version 15 and to "
        "1 from 15: Amazon RDS User Guide, \"Using SSL with a PostgreSQL DB instance\" and \"Updating applications "
        "to connect to PostgreSQL DB instances using new SSL/TLS certificates\"). An aurora-postgresql cluster "
        "group sets it to 1 (Aurora PostgreSQL defaults it to 0: Amazon Aurora User Guide, \"Securing Aurora "
        "PostgreSQL data with SSL/TLS\"). A group of a mysql, mariadb or aurora-mysql family sets "
        "`require_secure_transport` to ON / 1 (default OFF: Amazon RDS User Guide, \"SSL/TLS support for MySQL DB "
        "instances\"). Aurora instance parameter groups (TLS is a cluster parameter there) and other families: "
        "not applicable."
    ),
    unknown_handling="unverifiable (an unknown family, parameter list, parameter name or value)",
    remediation=(
        "1. PostgreSQL: add {\"name\": \"rds.force_ssl\", \"value\": \"1\"} to the parameters of the "
        "aws.rds.ParameterGroup (aws.rds.ClusterParameterGroup for Aurora).\n"
        "2. MySQL / MariaDB / Aurora MySQL: add {\"name\": \"require_secure_transport\", \"value\": \"1\"}.\n"
        "3. Attach the group to the instance or cluster (parameter_group_name / "
        "db_cluster_parameter_group_name) and make sure every client, including DMS endpoints (ssl_mode), "
        "connects with TLS."
    ),
    refs=("RDS TLS guidance", "seed 000"),
    check=check,
    examples=(
        Example("PostgreSQL 14 group forcing TLS",
                {"family": "postgres14", "parameters": [{"name": "rds.force_ssl", "value": "1"}]}, "pass"),
        Example("PostgreSQL 16 group relying on the default (1)", {"family": "postgres16", "parameters": []}, "pass"),
        Example("PostgreSQL 16 group turning TLS enforcement off",
                {"family": "postgres16", "parameters": [{"name": "rds.force_ssl", "value": "0",
                                                         "applyMethod": "pending-reboot"}]}, "fail",
                mentions=("rds.force_ssl",)),
        Example("PostgreSQL 13 group without rds.force_ssl (default 0)",
                {"family": "postgres13", "parameters": [{"name": "log_connections", "value": "1"}]}, "fail",
                mentions=("rds.force_ssl is not set",)),
        Example("Aurora PostgreSQL cluster group without rds.force_ssl (default 0)",
                {"family": "aurora-postgresql16"}, "fail", type=RDS_CLUSTER_PARAMETER_GROUP,
                mentions=("rds.force_ssl",)),
        Example("MySQL group requiring secure transport",
                {"family": "mysql8.0", "parameters": [{"name": "require_secure_transport", "value": "ON"}]}, "pass"),
        Example("Aurora MySQL cluster group without require_secure_transport", {"family": "aurora-mysql8.0"},
                "fail", type=RDS_CLUSTER_PARAMETER_GROUP, mentions=("require_secure_transport",)),
        Example("rds.force_ssl computed from another output",
                {"family": "postgres14", "parameters": [{"name": "rds.force_ssl", "value": unknown()}]},
                "unverifiable"),
        Example("Oracle group", {"family": "oracle-ee-19"}, "not_applicable"),
        Example("Aurora instance parameter group (TLS is a cluster parameter)", {"family": "aurora-postgresql16"},
                "not_applicable"),
    ),
)
