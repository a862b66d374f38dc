"""Configuration sets for the stack's variants, selectable purely by config keys.

Each variant is a complete stack configuration (``{"namespace:key": "string value"}``, the form Pulumi
passes to a program in ``PULUMI_CONFIG``): :data:`BASE_CONFIG` (identical to ``Pulumi.dev.yaml``, which
a test checks) plus the variant's overrides. Tests and the offline preview import this module:

    from migration_stack.variants import VARIANTS, variant_config
    config = variant_config("rds-instance")

No variant sets a secret: ``sourceDbPassword`` is optional and unit tests must not need it.
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
}

VARIANTS: tuple[str, ...] = tuple(VARIANT_OVERRIDES)

#: The stack name the variants are meant to be previewed under (the suffix is also set explicitly).
STACK_NAME = "dev"
PROJECT_NAME = NS


def variant_config(name: str) -> dict[str, str]:
    """The complete configuration of one variant."""
    if name not in VARIANT_OVERRIDES:
        raise KeyError(f"unknown variant {name!r}; known: {', '.join(VARIANTS)}")
    return {**BASE_CONFIG, **VARIANT_OVERRIDES[name]}


def project_values(config: Mapping[str, str]) -> dict[str, str]:
    """The project keys of a configuration without their namespace (for ``settings.read_settings``)."""
    prefix = f"{NS}:"
    return {key[len(prefix):]: value for key, value in config.items() if key.startswith(prefix)}
