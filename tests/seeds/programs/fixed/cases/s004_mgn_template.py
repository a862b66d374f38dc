"""Seed 004, finding 1 fixed: pulumi-aws has no MGN resources; the replication template is the
CloudFormation type AWS::MGN::ReplicationConfigurationTemplate, declared through Cloud Control."""

import json

import pulumi
import pulumi_aws as aws

env_suffix = pulumi.Config().get("environmentSuffix") or "dev"
tags = {"Environment": env_suffix, "ManagedBy": "Pulumi"}

vpc = aws.ec2.Vpc(f"mgn-vpc-{env_suffix}", cidr_block="10.64.0.0/16", tags=tags)
aws.ec2.FlowLog(f"mgn-vpc-flow-log-{env_suffix}", vpc_id=vpc.id, traffic_type="ALL",
                log_destination_type="s3", log_destination="arn:aws:s3:::mgn-flow-logs-dev", tags=tags)
staging_subnet = aws.ec2.Subnet(f"mgn-staging-{env_suffix}", vpc_id=vpc.id, cidr_block="10.64.10.0/24",
                                availability_zone="us-east-1a", tags=tags)
replication_sg = aws.ec2.SecurityGroup(
    f"mgn-replication-servers-{env_suffix}",
    vpc_id=vpc.id,
    description="MGN replication servers: TCP 1500 from the source servers",
    ingress=[aws.ec2.SecurityGroupIngressArgs(protocol="tcp", from_port=1500, to_port=1500,
                                              cidr_blocks=["10.200.0.0/16"])],
    egress=[aws.ec2.SecurityGroupEgressArgs(protocol="tcp", from_port=443, to_port=443,
                                            cidr_blocks=["0.0.0.0/0"])],
    tags=tags,
)

mgn_replication_config = aws.cloudcontrol.Resource(
    f"mgn-replication-template-{env_suffix}",
    type_name="AWS::MGN::ReplicationConfigurationTemplate",
    desired_state=pulumi.Output.all(staging_subnet.id, replication_sg.id).apply(
        lambda ids: json.dumps({
            "ReplicationServerInstanceType": "t3.small",
            "DataPlaneRouting": "PRIVATE_IP",
            "DefaultLargeStagingDiskType": "GP3",
            "EbsEncryption": "DEFAULT",
            "AssociateDefaultSecurityGroup": False,
            "ReplicationServersSecurityGroupsIDs": [ids[1]],
            "StagingAreaSubnetId": ids[0],
            "StagingAreaTags": {"Name": f"mgn-staging-{env_suffix}"},
            "BandwidthThrottling": 0,
            "CreatePublicIP": False,
            "UseDedicatedReplicationServer": False,
        })
    ),
)
