"""Seed 000, finding 1: `config.require_secret` for a value the stack does not configure."""

import pulumi
import pulumi_aws as aws

config = pulumi.Config()
environment_suffix = config.get("environmentSuffix") or "dev"
onprem_db_password = config.require_secret("onprem_db_password")

aws.dms.Endpoint(
    f"payments-onprem-source-{environment_suffix}",
    endpoint_id=f"payments-onprem-source-{environment_suffix}",
    endpoint_type="source",
    engine_name="postgres",
    server_name="10.20.0.15",
    port=5432,
    database_name="payments",
    username="dms_replication",
    password=onprem_db_password,
    ssl_mode="require",
)
