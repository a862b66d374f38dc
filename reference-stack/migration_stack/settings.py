"""Typed settings for the reference migration stack.

All configuration is read once, here, into an immutable :class:`Settings` object. Every missing or
invalid key is collected and reported together in one :class:`ConfigurationError` before the program
declares a single resource, so an operator fixes the whole configuration in one pass.

The engine-version defaults live in :data:`DEFAULT_ENGINE_VERSIONS` and nowhere else.
"""

from __future__ import annotations

import ipaddress
import json
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pulumi

PROJECT_NAMESPACE = "migration-reference"

#: The single place where engine-version defaults are kept (the pack's catalog must accept them).
DEFAULT_ENGINE_VERSIONS: Mapping[str, str] = {
    "aurora-postgresql": "16.13",
    "postgres": "16.13",
    "dms": "3.6.1",
    "docdb": "5.0.0",
}

DATABASE_ENGINES = ("aurora-postgresql", "postgres", "docdb")
DMS_MODES = ("instance", "serverless")
#: The DMS Serverless capacity units AWS accepts (DCU; 1 DCU = 2 GB of memory).
DMS_CAPACITY_UNITS = (1, 2, 4, 8, 16, 32, 64, 128, 192, 256, 384)
MIGRATION_TARGETS = ("database", "s3")
NAT_GATEWAY_MODES = ("zonal", "regional")
SSL_MODES = ("require", "verify-ca", "verify-full")
MONITORING_INTERVALS = (1, 5, 10, 15, 30, 60)
LOG_RETENTION_DAYS = (
    30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
)
PERFORMANCE_INSIGHTS_RETENTION = (7, 731) + tuple(31 * m for m in range(1, 24))

DEFAULT_TABLE_MAPPINGS: Mapping[str, Any] = {
    "rules": [
        {
            "rule-type": "selection",
            "rule-id": "1",
            "rule-name": "include-public-schema",
            "object-locator": {"schema-name": "public", "table-name": "%"},
            "rule-action": "include",
        }
    ]
}

_SUFFIX_RE = re.compile(r"^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){0,19}$")
_PREFIX_RE = re.compile(r"^[a-z](?:[a-z0-9]|-(?=[a-z0-9])){0,15}$")
_REGION_RE = re.compile(r"^[a-z]{2}(?:-[a-z]+)+-\d$")
_ACCOUNT_RE = re.compile(r"^\d{12}$")
_VERSION_RE = re.compile(r"^\d+(?:\.\d+){0,2}$")
_HOSTNAME_RE = re.compile(
    r"^(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*"
    r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$"
)
_DB_IDENT_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,62}$")
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_ZONE_ID_RE = re.compile(r"^Z[A-Z0-9]{1,31}$")
_RDS_CLASS_RE = re.compile(r"^db\.[a-z0-9]+\.[a-z0-9]+$")
_DMS_CLASS_RE = re.compile(r"^dms\.[a-z0-9]+\.[a-z0-9]+$")
_FOLDER_RE = re.compile(r"^[a-z0-9](?:[a-z0-9_-]|/(?=[a-z0-9])){0,62}$")
_ACM_ARN_RE = re.compile(r"^arn:aws[a-z-]*:(?:dms|acm):[a-z0-9-]+:\d{12}:(?:cert|certificate)[:/].+$")
_RESERVED_USERNAMES = frozenset({"postgres", "rdsadmin", "rdsrepladmin", "admin", "root", "public"})


class ConfigurationError(ValueError):
    """Raised with every configuration problem at once."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(
            f"invalid configuration for the reference migration stack ({len(self.problems)} "
            f"problem{'s' if len(self.problems) != 1 else ''}); set the keys with "
            f"`pulumi config set {PROJECT_NAMESPACE}:<key> <value>`:\n{lines}"
        )


@dataclass(frozen=True)
class AlarmThresholds:
    cpu_percent: float
    free_storage_gb: float
    connections: int
    replica_lag_ms: float
    dms_cdc_latency_seconds: float
    dms_cdc_incoming_changes: int


@dataclass(frozen=True)
class CutoverSettings:
    hosted_zone_id: str
    domain: str
    record_prefix: str
    on_prem_target: str
    on_prem_port: int
    aws_weight: int
    on_prem_weight: int
    ttl: int


@dataclass(frozen=True)
class Settings:
    """Everything the program needs, validated."""

    environment_suffix: str
    name_prefix: str
    project: str
    region: str
    account_id: str | None
    availability_zones: tuple[str, ...]
    vpc_cidr: str
    nat_gateway_mode: str
    database_engine: str
    engine_version: str
    dms_engine_version: str
    db_instance_class: str
    aurora_reader_count: int
    db_allocated_storage_gb: int
    db_max_allocated_storage_gb: int
    database_name: str
    master_username: str
    db_port: int
    backup_retention_days: int
    deletion_protection: bool
    skip_final_snapshot: bool
    monitoring_interval: int
    performance_insights_retention_days: int
    allowed_db_client_cidrs: tuple[str, ...]
    dms_instance_class: str
    dms_allocated_storage_gb: int
    source_db_host: str
    source_db_port: int
    source_db_name: str
    source_db_username: str
    source_ssl_mode: str
    source_certificate_arn: str | None
    target_db_username: str
    target_ssl_mode: str
    table_mappings: str
    secret_recovery_window_days: int
    log_retention_days: int
    kms_deletion_window_days: int
    kms_rotation_period_days: int
    alarm_email: str | None
    alarm_thresholds: AlarmThresholds
    cutover: CutoverSettings | None
    dms_mode: str = "instance"
    dms_min_capacity_units: int = 2
    dms_max_capacity_units: int = 16
    migration_target: str = "database"
    landing_bucket_folder: str = "migration"
    target_certificate_arn: str | None = None
    secret_rotation_days: int = 30
    source_db_password: pulumi.Output[str] | None = field(default=None, compare=False, repr=False)
    target_db_password: pulumi.Output[str] | None = field(default=None, compare=False, repr=False)

    @property
    def is_aurora(self) -> bool:
        return self.database_engine == "aurora-postgresql"

    @property
    def is_docdb(self) -> bool:
        return self.database_engine == "docdb"

    @property
    def is_serverless(self) -> bool:
        return self.dms_mode == "serverless"

    @property
    def lands_in_s3(self) -> bool:
        return self.migration_target == "s3"

    @property
    def source_engine(self) -> str:
        """The DMS engine name of the on-premises source: MongoDB for a DocumentDB target."""
        return "mongodb" if self.is_docdb else "postgres"

    @property
    def engine_major(self) -> str:
        return self.engine_version.split(".")[0]

    @property
    def partition(self) -> str:
        if self.region.startswith("cn-"):
            return "aws-cn"
        if self.region.startswith("us-gov-"):
            return "aws-us-gov"
        return "aws"


ConfigGetter = Callable[[str], "str | None"]


class _Reader:
    """Reads raw string values and records every problem instead of failing on the first."""

    def __init__(self, get: ConfigGetter) -> None:
        self._get = get
        self.problems: list[str] = []

    def raw(self, key: str) -> str | None:
        value = self._get(key)
        if value is None:
            return None
        value = str(value).strip()
        return value or None

    def fail(self, key: str, why: str) -> None:
        self.problems.append(f"{key}: {why}")

    def string(self, key: str, default: str | None = None, *, required: bool = False,
               pattern: re.Pattern[str] | None = None, choices: tuple[str, ...] | None = None,
               hint: str = "") -> str:
        value = self.raw(key)
        if value is None:
            if required:
                self.fail(key, f"is required{(' (' + hint + ')') if hint else ''}")
                return ""
            return default or ""
        if choices is not None and value not in choices:
            self.fail(key, f"must be one of {', '.join(choices)} (got {value!r})")
        elif pattern is not None and not pattern.match(value):
            self.fail(key, f"has an invalid value {value!r}{(': ' + hint) if hint else ''}")
        return value

    def optional(self, key: str, *, pattern: re.Pattern[str] | None = None, hint: str = "") -> str | None:
        value = self.raw(key)
        if value is not None and pattern is not None and not pattern.match(value):
            self.fail(key, f"has an invalid value {value!r}{(': ' + hint) if hint else ''}")
        return value

    def integer(self, key: str, default: int, *, minimum: int | None = None, maximum: int | None = None,
                choices: tuple[int, ...] | None = None) -> int:
        value = self.raw(key)
        if value is None:
            return default
        try:
            number = int(value)
        except ValueError:
            self.fail(key, f"must be an integer (got {value!r})")
            return default
        if choices is not None and number not in choices:
            self.fail(key, f"must be one of {', '.join(str(c) for c in choices)} (got {number})")
        if minimum is not None and number < minimum:
            self.fail(key, f"must be at least {minimum} (got {number})")
        if maximum is not None and number > maximum:
            self.fail(key, f"must be at most {maximum} (got {number})")
        return number

    def number(self, key: str, default: float, *, minimum: float = 0.0) -> float:
        value = self.raw(key)
        if value is None:
            return default
        try:
            number = float(value)
        except ValueError:
            self.fail(key, f"must be a number (got {value!r})")
            return default
        if number < minimum:
            self.fail(key, f"must be at least {minimum:g} (got {number:g})")
        return number

    def boolean(self, key: str, default: bool) -> bool:
        value = self.raw(key)
        if value is None:
            return default
        lowered = value.lower()
        if lowered in ("true", "yes", "1"):
            return True
        if lowered in ("false", "no", "0"):
            return False
        self.fail(key, f"must be true or false (got {value!r})")
        return default

    def string_list(self, key: str, *, required: bool = False, hint: str = "") -> list[str] | None:
        value = self.raw(key)
        if value is None:
            if required:
                self.fail(key, f"is required{(' (' + hint + ')') if hint else ''}")
            return None
        try:
            parsed = json.loads(value)
        except json.JSONDecodeError:
            parsed = [part.strip() for part in value.split(",") if part.strip()]
        if not isinstance(parsed, list) or not all(isinstance(item, str) for item in parsed):
            self.fail(key, "must be a list of strings")
            return None
        return [item.strip() for item in parsed]


def _validate_table_mappings(reader: _Reader, key: str) -> str:
    raw = reader.raw(key)
    if raw is None:
        return json.dumps(DEFAULT_TABLE_MAPPINGS, sort_keys=True)
    try:
        document = json.loads(raw)
    except json.JSONDecodeError as error:
        reader.fail(key, f"must be a JSON document ({error.msg})")
        return raw
    rules = document.get("rules") if isinstance(document, dict) else None
    if not isinstance(rules, list) or not rules:
        reader.fail(key, 'must be a JSON object with a non-empty "rules" list')
        return raw
    has_include = any(
        isinstance(rule, dict) and rule.get("rule-type") == "selection" and rule.get("rule-action") == "include"
        for rule in rules
    )
    if not has_include:
        reader.fail(key, 'needs at least one selection rule with "rule-action": "include"')
    return json.dumps(document, sort_keys=True)


def _validate_cidr(reader: _Reader, key: str, value: str) -> ipaddress.IPv4Network | None:
    try:
        network = ipaddress.ip_network(value, strict=True)
    except ValueError:
        reader.fail(key, f"{value!r} is not a valid CIDR block (network address, e.g. 10.40.0.0/16)")
        return None
    if not isinstance(network, ipaddress.IPv4Network):
        reader.fail(key, f"{value!r} must be an IPv4 CIDR block")
        return None
    return network


def read_settings(
    get: ConfigGetter,
    *,
    stack: str,
    region: str | None,
    environ: Mapping[str, str] | None = None,
    source_db_password: pulumi.Output[str] | None = None,
    target_db_password: pulumi.Output[str] | None = None,
) -> Settings:
    """Validate raw configuration values (project keys without namespace) into :class:`Settings`.

    ``get`` returns the raw string of a project key or ``None``; ``region`` is ``aws:region``.
    Raises :class:`ConfigurationError` listing every problem.
    """
    env = os.environ if environ is None else environ
    r = _Reader(get)

    suffix = r.raw("environmentSuffix") or (env.get("ENVIRONMENT_SUFFIX") or "").strip() or stack
    if not _SUFFIX_RE.match(suffix):
        r.fail(
            "environmentSuffix",
            f"the environment suffix {suffix!r} (from config environmentSuffix, else ENVIRONMENT_SUFFIX, "
            "else the stack name) must be 1-20 lowercase letters, digits or single hyphens, "
            "starting and ending with a letter or digit",
        )
    prefix = r.string("namePrefix", "migration", pattern=_PREFIX_RE,
                      hint="1-16 lowercase letters, digits or single hyphens, starting with a letter")
    project_tag = r.string("projectTag", "MigrationGuard")

    if not region:
        r.problems.append("aws:region: is required (pulumi config set aws:region us-east-1)")
        region = ""
    elif not _REGION_RE.match(region):
        r.problems.append(f"aws:region: {region!r} is not a region name such as us-east-1")
    account_id = r.optional("awsAccountId", pattern=_ACCOUNT_RE, hint="12 digits")

    zones = r.string_list("availabilityZones", required=True,
                          hint='2 or 3 zones of aws:region, e.g. ["us-east-1a", "us-east-1b"]') or []
    if zones:
        if not 2 <= len(zones) <= 3:
            r.fail("availabilityZones", f"must list 2 or 3 availability zones (got {len(zones)})")
        if len(set(zones)) != len(zones):
            r.fail("availabilityZones", "must not repeat a zone")
        for zone in zones:
            if region and not re.match(rf"^{re.escape(region)}[a-z]$", zone):
                r.fail("availabilityZones", f"{zone!r} is not a zone of {region or 'aws:region'}")

    vpc_cidr = r.string("vpcCidr", "10.40.0.0/16")
    network = _validate_cidr(r, "vpcCidr", vpc_cidr)
    if network is not None and not 16 <= network.prefixlen <= 24:
        r.fail("vpcCidr", f"prefix length must be between /16 and /24 (got /{network.prefixlen})")

    nat_mode = r.string("natGatewayMode", "zonal", choices=NAT_GATEWAY_MODES)
    engine = r.string("databaseEngine", "aurora-postgresql", choices=DATABASE_ENGINES)
    version_key = {"aurora-postgresql": "auroraEngineVersion", "docdb": "docdbEngineVersion"}.get(
        engine, "rdsEngineVersion")
    engine_version = r.string(version_key, DEFAULT_ENGINE_VERSIONS.get(engine, "16.13"), pattern=_VERSION_RE,
                              hint="an engine version such as 16.13 (DocumentDB: 5.0.0)")
    dms_version = r.string("dmsEngineVersion", DEFAULT_ENGINE_VERSIONS["dms"], pattern=_VERSION_RE,
                           hint="a DMS engine version such as 3.6.1")

    db_class = r.string("dbInstanceClass", "db.r6g.large", pattern=_RDS_CLASS_RE, hint="e.g. db.r6g.large")
    readers = r.integer("auroraReaderCount", 1, minimum=1, maximum=14)
    storage = r.integer("dbAllocatedStorageGb", 100, minimum=20, maximum=65536)
    max_storage = r.integer("dbMaxAllocatedStorageGb", 500, minimum=20, maximum=65536)
    if max_storage < storage:
        r.fail("dbMaxAllocatedStorageGb", f"must be at least dbAllocatedStorageGb ({storage})")
    db_name = r.string("databaseName", "appdb", pattern=_DB_IDENT_RE,
                       hint="letters, digits and underscores, starting with a letter")
    master_username = r.string("masterUsername", "migration_admin", pattern=_DB_IDENT_RE,
                               hint="letters, digits and underscores, starting with a letter")
    if master_username.lower() in _RESERVED_USERNAMES:
        r.fail("masterUsername", f"{master_username!r} is reserved by RDS; choose another name")
    db_port = r.integer("dbPort", 27017 if engine == "docdb" else 5432, minimum=1150, maximum=65535)
    backup_days = r.integer("backupRetentionDays", 7, minimum=7, maximum=35)
    deletion_protection = r.boolean("deletionProtection", True)
    skip_final_snapshot = r.boolean("skipFinalSnapshot", False)
    monitoring_interval = r.integer("monitoringIntervalSeconds", 60, choices=MONITORING_INTERVALS)
    pi_retention = r.integer("performanceInsightsRetentionDays", 7, choices=PERFORMANCE_INSIGHTS_RETENTION)

    client_cidrs = r.string_list("allowedDbClientCidrs") or [vpc_cidr]
    for cidr in client_cidrs:
        parsed = _validate_cidr(r, "allowedDbClientCidrs", cidr)
        if parsed is not None and parsed.prefixlen == 0:
            r.fail("allowedDbClientCidrs", f"{cidr!r} would open the database port to the whole internet")

    dms_class = r.string("dmsInstanceClass", "dms.r6i.large", pattern=_DMS_CLASS_RE, hint="e.g. dms.r6i.large")
    dms_storage = r.integer("dmsAllocatedStorageGb", 100, minimum=5, maximum=6144)

    source_host = r.string("sourceDbHost", required=True, pattern=_HOSTNAME_RE,
                           hint="host name or IP address of the on-premises PostgreSQL server")
    source_port = r.integer("sourceDbPort", 5432, minimum=1, maximum=65535)
    source_db = r.string("sourceDbName", required=True, pattern=_DB_IDENT_RE, hint="database to migrate")
    source_user = r.string("sourceDbUsername", required=True, pattern=_DB_IDENT_RE,
                           hint="replication user on the source database")
    source_ssl = r.string("sourceSslMode", "require", choices=SSL_MODES)
    source_cert = r.optional("sourceCertificateArn", pattern=_ACM_ARN_RE, hint="a DMS certificate ARN")
    if source_ssl in ("verify-ca", "verify-full") and not source_cert:
        r.fail("sourceCertificateArn", f"is required when sourceSslMode is {source_ssl}")
    target_user = r.string("targetDbUsername", "dms_migration", pattern=_DB_IDENT_RE,
                           hint="letters, digits and underscores, starting with a letter")
    target_ssl = r.string("targetSslMode", "require", choices=("require",),
                          hint="the target is RDS with rds.force_ssl=1")
    table_mappings = _validate_table_mappings(r, "dmsTableMappings")

    recovery_days = r.integer("secretRecoveryWindowDays", 30, minimum=7, maximum=30)
    rotation_days = r.integer("secretRotationDays", 30, minimum=1, maximum=90)
    log_days = r.integer("logRetentionDays", 90, choices=LOG_RETENTION_DAYS)
    kms_window = r.integer("kmsDeletionWindowDays", 30, minimum=7, maximum=30)
    kms_rotation = r.integer("kmsRotationPeriodDays", 365, minimum=90, maximum=365)
    alarm_email = r.optional("alarmEmail", pattern=_EMAIL_RE, hint="an e-mail address")

    thresholds = AlarmThresholds(
        cpu_percent=r.number("alarmCpuPercent", 80.0),
        free_storage_gb=r.number("alarmFreeStorageGb", 10.0),
        connections=r.integer("alarmConnections", 500, minimum=1),
        replica_lag_ms=r.number("alarmReplicaLagMs", 2000.0),
        dms_cdc_latency_seconds=r.number("alarmDmsCdcLatencySeconds", 300.0),
        dms_cdc_incoming_changes=r.integer("alarmDmsCdcIncomingChanges", 100000, minimum=1),
    )

    cutover: CutoverSettings | None = None
    if r.boolean("cutoverEnabled", False):
        zone_id = r.string("cutoverHostedZoneId", required=True, pattern=_ZONE_ID_RE,
                           hint="the Route 53 hosted zone id, e.g. Z0123456789ABCDEFGHIJ")
        domain = r.string("cutoverDomain", required=True, pattern=_HOSTNAME_RE,
                          hint="the hosted zone's domain, e.g. migration.example.com")
        record_prefix = r.string("cutoverRecordPrefix", "db", pattern=_PREFIX_RE,
                                 hint="lowercase letters, digits and hyphens")
        on_prem = r.string("cutoverOnPremTarget", source_host, pattern=_HOSTNAME_RE)
        if re.match(r"^\d+\.\d+\.\d+\.\d+$", on_prem):
            r.fail("cutoverOnPremTarget",
                   "must be a DNS name (the weighted records are CNAMEs); set it when sourceDbHost is an IP")
        aws_weight = r.integer("cutoverAwsWeight", 0, minimum=0, maximum=255)
        on_prem_weight = r.integer("cutoverOnPremWeight", 100, minimum=0, maximum=255)
        if aws_weight == 0 and on_prem_weight == 0:
            r.fail("cutoverAwsWeight", "cutoverAwsWeight and cutoverOnPremWeight cannot both be 0")
        cutover = CutoverSettings(
            hosted_zone_id=zone_id, domain=domain, record_prefix=record_prefix, on_prem_target=on_prem,
            on_prem_port=r.integer("cutoverOnPremPort", source_port, minimum=1, maximum=65535),
            aws_weight=aws_weight, on_prem_weight=on_prem_weight,
            ttl=r.integer("cutoverTtl", 60, minimum=0, maximum=86400),
        )

    dms_mode = r.string("dmsMode", "instance", choices=DMS_MODES)
    min_dcu = r.integer("dmsServerlessMinCapacityUnits", 2, choices=DMS_CAPACITY_UNITS)
    max_dcu = r.integer("dmsServerlessMaxCapacityUnits", 16, choices=DMS_CAPACITY_UNITS)
    if min_dcu > max_dcu:
        r.fail("dmsServerlessMinCapacityUnits", f"must not exceed dmsServerlessMaxCapacityUnits ({max_dcu})")
    target = r.string("migrationTarget", "database", choices=MIGRATION_TARGETS)
    folder = r.string("landingBucketFolder", "migration", pattern=_FOLDER_RE,
                      hint="lowercase letters, digits, '-', '_' and single '/' (no leading or trailing '/')")
    if target == "s3" and engine == "docdb":
        r.fail("migrationTarget", "s3 lands the PostgreSQL source; it cannot be combined with databaseEngine docdb")
    target_cert = r.optional("targetCertificateArn", pattern=_ACM_ARN_RE, hint="a DMS certificate ARN")
    if engine == "docdb" and target_db_password is None:
        r.fail("targetDbPassword", "is required when databaseEngine is docdb (pulumi config set --secret "
               f"{PROJECT_NAMESPACE}:targetDbPassword): DMS DocumentDB endpoints cannot read Secrets Manager "
               "in pulumi-aws, so the DMS user's password is a secret config value")
    if engine == "docdb" and source_ssl == "verify-ca":
        r.fail("sourceSslMode", "MongoDB endpoints support require or verify-full")

    if target == "s3" and cutover is not None:
        r.fail("cutoverEnabled", "the cutover switches traffic to the AWS database; migrationTarget s3 has none")

    if r.problems:
        raise ConfigurationError(r.problems)

    return Settings(
        environment_suffix=suffix, name_prefix=prefix, project=project_tag, region=region,
        account_id=account_id, availability_zones=tuple(zones), vpc_cidr=vpc_cidr,
        nat_gateway_mode=nat_mode, database_engine=engine, engine_version=engine_version,
        dms_engine_version=dms_version, db_instance_class=db_class, aurora_reader_count=readers,
        db_allocated_storage_gb=storage, db_max_allocated_storage_gb=max_storage, database_name=db_name,
        master_username=master_username, db_port=db_port, backup_retention_days=backup_days,
        deletion_protection=deletion_protection, skip_final_snapshot=skip_final_snapshot,
        monitoring_interval=monitoring_interval, performance_insights_retention_days=pi_retention,
        allowed_db_client_cidrs=tuple(client_cidrs), dms_instance_class=dms_class,
        dms_allocated_storage_gb=dms_storage, source_db_host=source_host, source_db_port=source_port,
        source_db_name=source_db, source_db_username=source_user, source_ssl_mode=source_ssl,
        source_certificate_arn=source_cert, target_db_username=target_user, target_ssl_mode=target_ssl,
        table_mappings=table_mappings, secret_recovery_window_days=recovery_days,
        log_retention_days=log_days, kms_deletion_window_days=kms_window,
        kms_rotation_period_days=kms_rotation, alarm_email=alarm_email, alarm_thresholds=thresholds,
        cutover=cutover, dms_mode=dms_mode, dms_min_capacity_units=min_dcu, dms_max_capacity_units=max_dcu,
        migration_target=target, landing_bucket_folder=folder, target_certificate_arn=target_cert,
        secret_rotation_days=rotation_days,
        source_db_password=source_db_password, target_db_password=target_db_password,
    )


def load_settings() -> Settings:
    """Read the stack's Pulumi configuration (the program's single entry to config)."""
    config = pulumi.Config(PROJECT_NAMESPACE)
    aws_config = pulumi.Config("aws")
    return read_settings(
        config.get,
        stack=pulumi.get_stack(),
        region=aws_config.get("region"),
        source_db_password=config.get_secret("sourceDbPassword"),
        target_db_password=config.get_secret("targetDbPassword"),
    )
