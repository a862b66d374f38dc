"""Seed 000, finding 1 as the review fixed it: a default password when the secret is not configured."""

import pulumi
import pulumi_aws as aws

config = pulumi.Config()
environment_suffix = config.get("environmentSuffix") or "dev"

# "Testable with sensible default" (the review's IDEAL_RESPONSE): the default ships to every stack
# whose operator forgot `pulumi config set --secret onprem_db_password`.
onprem_db_password = config.get_secret("onprem_db_password") or pulumi.Output.secret("ChangeMe123456")

source_endpoint = aws.dms.Endpoint(
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
    tags={"Environment": environment_suffix, "ManagedBy": "Pulumi"},
)
