"""Seed 004, finding 3: the DMS source endpoint with placeholder credentials in code."""

import pulumi
import pulumi_aws as aws

env_suffix = pulumi.Config().get("environmentSuffix") or "dev"
on_prem_db_endpoint = "10.61.10.5"

source_endpoint = aws.dms.Endpoint(
    f"inventory-source-endpoint-{env_suffix}",
    endpoint_id=f"inventory-source-endpoint-{env_suffix}",
    endpoint_type="source",
    engine_name="postgres",
    server_name=on_prem_db_endpoint,  # Just an IP address
    port=5432,
    database_name="postgres",  # Generic name
    username="postgres",  # Default username
    password="password",  # Hardcoded password
    ssl_mode="require",
    tags={"Environment": env_suffix, "ManagedBy": "Pulumi"},
)
