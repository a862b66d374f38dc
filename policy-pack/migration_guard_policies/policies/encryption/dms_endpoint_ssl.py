"""dms-endpoint-ssl: DMS endpoints connect to their databases over TLS."""

from __future__ import annotations

from ...context import ResourceCheck
from ...examples import Example, unknown
from ...settings import StrSetting
from ...spec import Family, Framework, ResourcePolicySpec
from ...types import DMS_ENDPOINT

# Engines whose connection TLS DMS configures through sslMode.
TLS_ENGINES = frozenset(
    {"postgres", "aurora-postgresql", "mysql", "aurora", "mariadb", "oracle", "sqlserver", "db2", "db2-zos",
     "sybase", "mongodb", "docdb", "babelfish"}
)
SSL_MODES = ("none", "require", "verify-ca", "verify-full")  # weakest first

MINIMUM_SSL_MODE = StrSetting(
    "minimumSslMode",
    default="require",
    enum=SSL_MODES,
    description="The weakest acceptable sslMode, in the order none < require < verify-ca < verify-full.",
)


def check(r: ResourceCheck) -> None:
    engine = r.props.get("engineName")
    if r.check_unknown(engine, "whether DMS configures TLS for the endpoint depends on its engine"):
        return
    name = (engine.str() or "").lower()
    if name not in TLS_ENGINES:
        r.not_applicable("DMS does not configure TLS for this engine (sslMode does not apply)")

    minimum = r.setting(MINIMUM_SSL_MODE)
    mode = r.props.get("sslMode")
    if r.check_unknown(mode, f"it must be at least '{minimum}' so data in transit is encrypted"):
        return
    value = (mode.str() or "none").lower()  # DMS uses none when sslMode is omitted
    if value not in SSL_MODES:
        r.violation(f"sslMode is not one of {', '.join(SSL_MODES)}. Set sslMode to at least '{minimum}'.")
        return
    if SSL_MODES.index(value) < SSL_MODES.index(minimum):
        shown = "not set (DMS then uses none)" if mode.absent or mode.str() in (None, "") else f"'{value}'"
        r.violation(
            f"sslMode is {shown} for engine '{name}', below the required '{minimum}': the migration would "
            f"move data in plaintext or without verifying the server. Set sslMode: '{minimum}' (verify-ca / "
            "verify-full also need certificateArn)."
        )


SPEC = ResourcePolicySpec(
    name="dms-endpoint-ssl",
    description="DMS endpoints connect to their databases over TLS (sslMode at least the required mode).",
    family=Family.ENCRYPTION,
    severity="high",
    level="mandatory",
    resource_types=(DMS_ENDPOINT,),
    rule=(
        "For engines whose TLS DMS configures (postgres, aurora-postgresql, mysql, aurora, mariadb, oracle, "
        "sqlserver, db2, db2-zos, sybase, mongodb, docdb, babelfish), `sslMode` is at least `minimumSslMode` "
        "in the order none < require < verify-ca < verify-full (an omitted sslMode is none). Other engines "
        "(redshift already uses TLS without DMS setting it; s3, kinesis, kafka, dynamodb, ...): not applicable."
    ),
    unknown_handling="unverifiable (an unknown engineName or sslMode)",
    remediation=(
        "1. Set ssl_mode=\"require\" (or stricter) on the aws.dms.Endpoint.\n"
        "2. For verify-ca / verify-full, import the database's CA bundle with aws.dms.Certificate and set "
        "certificate_arn=cert.certificate_arn.\n"
        "3. Make sure the database accepts TLS (for RDS PostgreSQL, rds.force_ssl=1 in the parameter group)."
    ),
    framework=Framework("AWS Config managed rule", "dms-endpoint-ssl-configured"),
    refs=("CKV2_AWS_49",),
    echoes=frozenset({"sslMode", "engineName"}),
    settings=(MINIMUM_SSL_MODE,),
    check=check,
    examples=(
        Example(
            "PostgreSQL source verifying the server certificate",
            {"endpointType": "source", "engineName": "postgres", "sslMode": "verify-full", "certificateArn": unknown()},
            "pass",
        ),
        Example(
            "Aurora target with sslMode require",
            {"endpointType": "target", "engineName": "aurora-postgresql", "sslMode": "require"},
            "pass",
        ),
        Example(
            "MySQL source without sslMode (DMS uses none)",
            {"endpointType": "source", "engineName": "mysql"},
            "fail",
            mentions=("sslMode",),
        ),
        Example(
            "sslMode none",
            {"endpointType": "target", "engineName": "sqlserver", "sslMode": "none"},
            "fail",
            mentions=("sslMode", "none"),
        ),
        Example(
            "require is below a configured verify-ca minimum",
            {"endpointType": "source", "engineName": "postgres", "sslMode": "require"},
            "fail",
            config={"minimumSslMode": "verify-ca"},
            mentions=("verify-ca",),
        ),
        Example(
            "sslMode computed from another output",
            {"endpointType": "source", "engineName": "postgres", "sslMode": unknown()},
            "unverifiable",
        ),
        Example("S3 target: DMS configures no TLS", {"endpointType": "target", "engineName": "s3"}, "not_applicable"),
        Example(
            "Redshift target already uses TLS",
            {"endpointType": "target", "engineName": "redshift", "sslMode": "none"},
            "not_applicable",
        ),
    ),
)
