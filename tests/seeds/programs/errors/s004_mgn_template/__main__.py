"""Seed 004, finding 1 as the review fixed it: an MGN resource class that pulumi-aws does not have."""

import pulumi
import pulumi_aws as aws

config = pulumi.Config()
env_suffix = config.get("environmentSuffix") or "dev"
staging_subnet_id = config.get("stagingSubnetId") or "subnet-0a1b2c3d4e5f60010"

# MGN Replication Configuration Template
mgn_replication_config = aws.mgn.ReplicationConfigurationTemplate(
    f"mgn-replication-template-{env_suffix}",
    replication_server_instance_type="t3.small",
    data_plane_routing="PRIVATE_IP",
    default_large_staging_disk_type="GP3",
    ebs_encryption="ENABLED",
    associate_default_security_group=True,
    staging_area_subnet_id=staging_subnet_id,
    staging_area_tags={"Name": f"mgn-staging-{env_suffix}"},
)
