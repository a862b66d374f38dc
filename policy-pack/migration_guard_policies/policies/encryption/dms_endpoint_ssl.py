"""dms-endpoint-ssl: DMS endpoints connect to their databases over TLS."""

from __future__ import annotations

from ...examples import Example, unknown
from ...model import Family, Framework, ResourceCheck, ResourcePolicySpec
from ...props import State
from ...types import DMS_ENDPOINT

# Engines whose connection TLS DMS configures through sslMode.
TLS_ENGINES = frozenset(
    {"postgres", "aurora-postgresql", "aurora-postgresql-serverless", "mysql", "aurora", "aurora-serverless",
     "mariadb", "oracle", "sqlserver", "db2", "db2-zos", "sybase", "mongodb", "docdb", "babelfish"}
)
# Kafka endpoints: kafkaSettings.securityProtocol (DMS KafkaSettings.SecurityProtocol); omitted means plaintext.
KAFKA_TLS_PROTOCOLS = ("ssl-encryption", "ssl-authentication", "sasl-ssl")
SSL_MODES = ("none", "require", "verify-ca", "verify-full")  # weakest first
DEFAULT_MINIMUM = "require"


def _kafka(r: ResourceCheck) -> None:
    protocol = r.props.get("kafkaSettings.securityProtocol")
    if r.check_unknown(protocol, "it must be a TLS protocol (ssl-encryption, ssl-authentication, sasl-ssl) so "
                       "change data reaches the brokers encrypted"):
        return
    value = protocol.str()
    if value is not None and value.lower() in KAFKA_TLS_PROTOCOLS:
        return
    if protocol.state is State.MALFORMED or (protocol.present and value is None):
        shown = "cannot be read as a protocol name"
    elif value is None or value == "":
        shown = "not set (DMS then connects in plaintext)"
    else:
        shown = "'plaintext'" if value.lower() == "plaintext" else "not a TLS protocol"
    r.violation(
        f"kafkaSettings.securityProtocol is {shown}: change data would travel to the Kafka brokers unencrypted. "
        "Set kafkaSettings.securityProtocol to ssl-encryption, ssl-authentication or sasl-ssl."
    )


def check(r: ResourceCheck) -> None:
    engine = r.props.get("engineName")
    if r.check_unknown(engine, "whether DMS configures TLS for the endpoint depends on its engine"):
        return
    name = (engine.str() or "").lower()
    if name == "kafka":
        _kafka(r)
        return
    if name not in TLS_ENGINES:
        raise r.not_applicable("DMS does not configure TLS for this engine (sslMode does not apply)")

    minimum = r.config.get("minimumSslMode")
    if minimum not in SSL_MODES:
        minimum = DEFAULT_MINIMUM
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
        "For engines whose TLS DMS configures (postgres, aurora-postgresql, aurora-postgresql-serverless, mysql, "
        "aurora, aurora-serverless, mariadb, oracle, sqlserver, db2, db2-zos, sybase, mongodb, docdb, babelfish), "
        "`sslMode` is at least `minimumSslMode` in the order none < require < verify-ca < verify-full (an omitted "
        "sslMode is none). Engine kafka: `kafkaSettings.securityProtocol` is set and is not `plaintext` "
        "(ssl-encryption, ssl-authentication or sasl-ssl; DMS API KafkaSettings.SecurityProtocol, whose "
        "omission means plaintext). Other engines (redshift already uses TLS without DMS setting it; s3, "
        "kinesis, dynamodb, ...): not applicable."
    ),
    unknown_handling="unverifiable (an unknown engineName, sslMode or kafkaSettings.securityProtocol)",
    remediation=(
        "1. Set ssl_mode=\"require\" (or stricter) on the aws.dms.Endpoint.\n"
        "2. For verify-ca / verify-full, import the database's CA bundle with aws.dms.Certificate and set "
        "certificate_arn=cert.certificate_arn.\n"
        "3. Make sure the database accepts TLS (for RDS PostgreSQL, rds.force_ssl=1 in the parameter group)."
    ),
    framework=Framework("AWS Config managed rule", "dms-endpoint-ssl-configured"),
    refs=("CKV2_AWS_49",),
    echoes=frozenset({"sslMode", "engineName", "securityProtocol"}),  # securityProtocol: only 'plaintext'
    config={
        "minimumSslMode": {
            "type": "string",
            "enum": list(SSL_MODES),
            "default": DEFAULT_MINIMUM,
            "description": "The weakest acceptable sslMode, in the order none < require < verify-ca < verify-full.",
        }
    },
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
        Example(
            "Aurora Serverless v1 PostgreSQL target without sslMode",
            {"endpointType": "target", "engineName": "aurora-postgresql-serverless"},
            "fail",
            mentions=("sslMode",),
        ),
        Example(
            "Kafka target over SASL/SSL",
            {"endpointType": "target", "engineName": "kafka",
             "kafkaSettings": {"broker": "b-1.msk.example:9096", "topic": "cdc", "securityProtocol": "sasl-ssl"}},
            "pass",
        ),
        Example(
            "Kafka target in plaintext",
            {"endpointType": "target", "engineName": "kafka",
             "kafkaSettings": {"broker": "b-1.msk.example:9092", "securityProtocol": "plaintext"}},
            "fail",
            mentions=("kafkaSettings.securityProtocol", "plaintext"),
        ),
        Example(
            "Kafka target without securityProtocol (plaintext)",
            {"endpointType": "target", "engineName": "kafka", "kafkaSettings": {"broker": "b-1.msk.example:9092"}},
            "fail",
            mentions=("kafkaSettings.securityProtocol",),
        ),
        Example(
            "Kafka securityProtocol computed from another output",
            {"endpointType": "target", "engineName": "kafka", "kafkaSettings": {"broker": unknown(),
                                                                              "securityProtocol": unknown()}},
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
