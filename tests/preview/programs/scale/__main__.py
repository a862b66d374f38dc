"""About 2,000 resources: the reference stack's components (VPC and subnets, NAT, flow logs, KMS, RDS
or Aurora or DocumentDB, Secrets Manager, DMS, alarms, S3 landing buckets) built once per tenant,
cycling through the reference stack's variants, so that resources are passed to others as inputs
(outputs, dependencies and property dependencies at scale) and one tenant in nine carries a secret.

Every ninth tenant also declares two resources that break mandatory policies, so the verdicts at scale
are known exactly (tests/preview/test_preview_scale.py).
"""

import json
import sys
from pathlib import Path

import pulumi
import pulumi_aws as aws

sys.path.insert(0, str(Path(__file__).resolve().parents[4] / "reference-stack"))

from migration_stack.settings import read_settings  # noqa: E402
from migration_stack.stack import build_stack  # noqa: E402
from migration_stack.variants import VARIANT_SECRETS, VARIANTS, project_values, variant_config  # noqa: E402

config = pulumi.Config()
tenants = config.get_int("tenants") or 29
region = pulumi.Config("aws").require("region")
zones = aws.get_availability_zones(state="available")  # a data source: an assumed answer, listed in reports

for index in range(tenants):
    variant = VARIANTS[index % len(VARIANTS)]
    tenant = f"t{index:02d}"
    values = project_values(variant_config(variant))
    values["namePrefix"] = tenant  # names <tenant>-<parts>-dev: unique per tenant, suffixed by the stack
    if variant != "three-azs":
        values["availabilityZones"] = json.dumps(zones.names[index % 2:index % 2 + 2])
    values["awsAccountId"] = aws.get_caller_identity().account_id  # one invoke per tenant
    values["vpcCidr"] = f"10.{index}.0.0/16"
    secret = project_values(VARIANT_SECRETS.get(variant, {})).get("targetDbPassword")
    settings = read_settings(
        values.get, stack=pulumi.get_stack(), region=region,
        target_db_password=pulumi.Output.secret(secret) if secret else None,
    )
    stack = build_stack(settings)
    pulumi.export(f"{tenant}-kmsKeyArn", stack.keys.key.arn)
    if index % 9 == 4:
        # Mandatory violations: an unencrypted database without backups, a secret without a CMK.
        aws.rds.Instance(
            f"legacy-db-{tenant}-dev",
            engine="postgres",
            engine_version="16.13",
            instance_class="db.t3.micro",
            allocated_storage=20,
            username="app",
            manage_master_user_password=True,
            db_subnet_group_name=stack.database.subnet_group.name if stack.database else None,
            vpc_security_group_ids=[stack.network.db_security_group.id],
            tags=stack.naming.tags(),
        )
        aws.secretsmanager.Secret(f"legacy-secret-{tenant}-dev", description="no CMK", tags=stack.naming.tags())
