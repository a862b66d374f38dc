"""Configuration sets for the stack's variants, selectable purely by config keys.

Each variant is a complete stack configuration (``{"namespace:key": "string value"}``, the form Pulumi
passes to a program in ``PULUMI_CONFIG``): :data:`BASE_CONFIG` (identical to ``Pulumi.dev.yaml``, which
a test checks) plus the variant's overrides. Tests and the offline preview import this module:

    from migration_stack.variants import VARIANTS, variant_config
    config = variant_config("rds-instance")

No variant sets ``sourceDbPassword`` (optional; unit tests must not need it). The documentdb variant
needs ``targetDbPassword``: :data:`VARIANT_SECRETS` holds a test value, passed as a secret key.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

NS = "migration-reference"

#: The default configuration (Aurora PostgreSQL, 2 AZs, one zonal NAT gateway per AZ, no cutover).
BASE_CONFIG: Mapping[str, str] = {
    "aws:region": "us-east-1",
    "aws:skipCredentialsValidation": "true",
    "aws:skipRequestingAccountId": "true",
    "aws:skipMetadataApiCheck": "true",
    f"{NS}:environmentSuffix": "dev",
    f"{NS}:awsAccountId": "123456789012",
    f"{NS}:availabilityZones": json.dumps(["us-east-1a", "us-east-1b"]),
    f"{NS}:vpcCidr": "10.40.0.0/16",
    f"{NS}:natGatewayMode": "zonal",
    f"{NS}:databaseEngine": "aurora-postgresql",
    f"{NS}:auroraReaderCount": "1",
    f"{NS}:dbInstanceClass": "db.r6g.large",
    f"{NS}:deletionProtection": "true",
    f"{NS}:backupRetentionDays": "7",
    f"{NS}:sourceDbHost": "pg-primary.onprem.example.com",
    f"{NS}:sourceDbPort": "5432",
    f"{NS}:sourceDbName": "payments",
    f"{NS}:sourceDbUsername": "dms_replication",
    f"{NS}:dmsInstanceClass": "dms.r6i.large",
    f"{NS}:dmsTableMappings": json.dumps({
        "rules": [{
            "rule-type": "selection",
            "rule-id": "1",
            "rule-name": "include-public",
            "object-locator": {"schema-name": "public", "table-name": "%"},
            "rule-action": "include",
        }]
    }),
    f"{NS}:logRetentionDays": "90",
}

#: Overrides per variant (applied on top of BASE_CONFIG).
VARIANT_OVERRIDES: Mapping[str, Mapping[str, str]] = {
    "aurora": {},
    "rds-instance": {f"{NS}:databaseEngine": "postgres"},
    "three-azs": {
        f"{NS}:availabilityZones": json.dumps(["us-east-1a", "us-east-1b", "us-east-1c"]),
        f"{NS}:auroraReaderCount": "2",
    },
    "regional-nat": {f"{NS}:natGatewayMode": "regional"},
    "cutover": {
        f"{NS}:cutoverEnabled": "true",
        f"{NS}:cutoverHostedZoneId": "Z0123456789ABCDEFGHIJ",
        f"{NS}:cutoverDomain": "migration.example.com",
        f"{NS}:cutoverAwsWeight": "10",
        f"{NS}:cutoverOnPremWeight": "90",
    },
    "dms-serverless": {
        f"{NS}:dmsMode": "serverless",
        f"{NS}:dmsServerlessMinCapacityUnits": "2",
        f"{NS}:dmsServerlessMaxCapacityUnits": "16",
    },
    "s3-landing": {
        f"{NS}:migrationTarget": "s3",
        f"{NS}:landingBucketFolder": "payments",
    },
    "documentdb": {
        f"{NS}:databaseEngine": "docdb",
        f"{NS}:dbInstanceClass": "db.r6g.large",
        f"{NS}:sourceDbHost": "mongo-primary.onprem.example.com",
        f"{NS}:sourceDbPort": "27017",
        f"{NS}:sourceDbName": "catalog",
        f"{NS}:sourceDbUsername": "dms_reader",
        f"{NS}:dmsTableMappings": json.dumps({
            "rules": [{
                "rule-type": "selection",
                "rule-id": "1",
                "rule-name": "include-catalog",
                "object-locator": {"schema-name": "catalog", "table-name": "%"},
                "rule-action": "include",
            }]
        }),
    },
}

#: Secret config values a variant needs, by key (the documentdb variant's DMS user password: pulumi-aws
#: cannot give a DocumentDB endpoint a Secrets Manager secret). The values here are test values, passed
#: as *secret* config (``secret_keys``), never a real credential.
VARIANT_SECRETS: Mapping[str, Mapping[str, str]] = {
    "documentdb": {f"{NS}:targetDbPassword": "Xk7#qLm2$vRt9!wZp4&nBc6"},
}

VARIANTS: tuple[str, ...] = tuple(VARIANT_OVERRIDES)

#: The stack name the variants are meant to be previewed under (the suffix is also set explicitly).
STACK_NAME = "dev"
PROJECT_NAME = NS


def variant_config(name: str) -> dict[str, str]:
    """The complete configuration of one variant (its secret values included: see variant_secret_keys)."""
    if name not in VARIANT_OVERRIDES:
        raise KeyError(f"unknown variant {name!r}; known: {', '.join(VARIANTS)}")
    return {**BASE_CONFIG, **VARIANT_OVERRIDES[name], **VARIANT_SECRETS.get(name, {})}


def variant_secret_keys(name: str) -> list[str]:
    """The keys of ``variant_config(name)`` that are secret config values."""
    return sorted(VARIANT_SECRETS.get(name, {}))


def project_values(config: Mapping[str, str]) -> dict[str, str]:
    """The project keys of a configuration without their namespace (for ``settings.read_settings``)."""
    prefix = f"{NS}:"
    return {key[len(prefix):]: value for key, value in config.items() if key.startswith(prefix)}
