"""Where the integration tests get a deployed stack from.

``--live``: the outputs of a real deployment (``pulumi stack output --json``, or the JSON file named by
MIGRATION_STACK_OUTPUTS) and real AWS clients.

Otherwise: moto. The program itself is run under Pulumi's mocks, and every resource the integration
tests query is created in moto from the inputs the program declared (same identifiers, flags, keys,
mappings, alarm names), so the queries are proven against the AWS API shapes and the program's values.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3

from .stack_harness import Registration, Run, run_stack

REPO_ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Deployment:
    outputs: dict[str, Any]
    session: boto3.Session

    def client(self, service: str) -> Any:
        return self.session.client(service, region_name=self.outputs["region"])


def live_outputs(stack: str | None) -> dict[str, Any]:
    path = os.environ.get("MIGRATION_STACK_OUTPUTS")
    if path:
        return dict(json.loads(Path(path).read_text()))
    pulumi = shutil.which("pulumi")
    if pulumi is None:
        raise RuntimeError("--live needs the pulumi CLI (or MIGRATION_STACK_OUTPUTS=<outputs.json>)")
    command = [pulumi, "stack", "output", "--json", "--cwd", str(REPO_ROOT)]
    if stack:
        command += ["--stack", stack]
    return dict(json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout))


@contextmanager
def live_deployment(stack: str | None) -> Iterator[Deployment]:
    outputs = live_outputs(stack)
    session = boto3.Session(region_name=outputs["region"])
    if session.get_credentials() is None:
        raise RuntimeError("--live needs AWS credentials for the account of the deployed stack")
    yield Deployment(outputs, session)


@contextmanager
def moto_deployment(config: dict[str, str]) -> Iterator[Deployment]:
    from moto import mock_aws

    run = run_stack(config)
    region = run.outputs["region"]
    with mock_aws():
        session = boto3.Session(region_name=region, aws_access_key_id="testing", aws_secret_access_key="testing")
        outputs = _MotoBuilder(session, region, run).build()
        yield Deployment(outputs, session)


def _integral(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: _integral(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_integral(v) for v in value]
    return value


class _MotoBuilder:
    """Creates in moto what the program declared, and the outputs a deployment would export."""

    def __init__(self, session: boto3.Session, region: str, run: Run) -> None:
        self.session, self.region, self.run = session, region, run
        for registration in run.registrations:  # the engine sends numbers as floats; the AWS API wants ints
            registration.inputs = _integral(registration.inputs)
        self.outputs: dict[str, Any] = dict(run.outputs)

    def client(self, service: str) -> Any:
        return self.session.client(service, region_name=self.region)

    def build(self) -> dict[str, Any]:
        key_arn = self._key()
        subnets = self._network()
        if self.run.of_type("aws:s3/bucket:Bucket"):
            self._landing(key_arn)
        else:
            self._database(key_arn, subnets)
        self._migration(key_arn, subnets)
        self._monitoring(key_arn)
        return self.outputs

    def _key(self) -> str:
        kms = self.client("kms")
        declared = self.run.one("aws:kms/key:Key").inputs
        key = kms.create_key(Description=declared["description"], KeyUsage=declared["keyUsage"],
                             Policy=declared["policy"])["KeyMetadata"]
        if declared["enableKeyRotation"]:
            kms.enable_key_rotation(KeyId=key["KeyId"], RotationPeriodInDays=declared["rotationPeriodInDays"])
        self.outputs.update(kmsKeyArn=key["Arn"], kmsKeyId=key["KeyId"])
        return str(key["Arn"])

    def _network(self) -> list[str]:
        ec2 = self.client("ec2")
        vpc = ec2.create_vpc(CidrBlock=self.run.one("aws:ec2/vpc:Vpc").inputs["cidrBlock"])["Vpc"]["VpcId"]
        private = [s for s in self.run.of_type("aws:ec2/subnet:Subnet") if s.inputs["tags"]["Tier"] == "private"]
        subnet_ids = [
            ec2.create_subnet(VpcId=vpc, CidrBlock=s.inputs["cidrBlock"],
                              AvailabilityZone=s.inputs["availabilityZone"])["Subnet"]["SubnetId"]
            for s in private
        ]
        self.outputs.update(vpcId=vpc, privateSubnetIds=subnet_ids)
        return subnet_ids

    def _secret(self, declared: Registration, key_arn: str) -> str:
        inputs = declared.inputs
        return str(self.client("secretsmanager").create_secret(
            Name=inputs["name"], KmsKeyId=key_arn, Description=inputs["description"])["ARN"])

    def _landing(self, key_arn: str) -> None:
        """The landing bucket with the configuration the program declares (the policy is rendered by the
        program's own function for the bucket's real ARN)."""
        from migration_stack.landing import tls_only_policy

        s3 = self.client("s3")
        name = self.run.one("aws:s3/bucket:Bucket").inputs["bucket"]
        s3.create_bucket(Bucket=name)
        versioning = self.run.one("aws:s3/bucketVersioning:BucketVersioning").inputs["versioningConfiguration"]
        s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": versioning["status"]})
        (rule,) = self.run.one(
            "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration").inputs["rules"]
        s3.put_bucket_encryption(Bucket=name, ServerSideEncryptionConfiguration={"Rules": [{
            "ApplyServerSideEncryptionByDefault": {
                "SSEAlgorithm": rule["applyServerSideEncryptionByDefault"]["sseAlgorithm"], "KMSMasterKeyID": key_arn},
            "BucketKeyEnabled": rule["bucketKeyEnabled"],
        }]})
        block = self.run.one("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").inputs
        s3.put_public_access_block(Bucket=name, PublicAccessBlockConfiguration={
            k[0].upper() + k[1:]: block[k]
            for k in ("blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets")})
        ownership = self.run.one("aws:s3/bucketOwnershipControls:BucketOwnershipControls").inputs["rule"]
        s3.put_bucket_ownership_controls(Bucket=name, OwnershipControls={
            "Rules": [{"ObjectOwnership": ownership["objectOwnership"]}]})
        s3.put_bucket_policy(Bucket=name, Policy=json.dumps(tls_only_policy(f"arn:aws:s3:::{name}")))
        self.outputs.update(landingBucketName=name, landingBucketArn=f"arn:aws:s3:::{name}")

    def _database(self, key_arn: str, subnets: list[str]) -> None:
        rds = self.client("rds")
        role = self.run.named("migration-rds-monitoring-dev").inputs
        monitoring_role = self.client("iam").create_role(
            RoleName=role["name"], AssumeRolePolicyDocument=role["assumeRolePolicy"])["Role"]["Arn"]
        group = self.run.one("aws:rds/subnetGroup:SubnetGroup").inputs
        rds.create_db_subnet_group(DBSubnetGroupName=group["name"], DBSubnetGroupDescription=group["description"],
                                   SubnetIds=subnets)
        clusters = self.run.of_type("aws:rds/cluster:Cluster")
        if clusters:
            c = clusters[0].inputs
            cluster = rds.create_db_cluster(
                DBClusterIdentifier=c["clusterIdentifier"], Engine=c["engine"], EngineVersion=c["engineVersion"],
                MasterUsername=c["masterUsername"], ManageMasterUserPassword=c["manageMasterUserPassword"],
                MasterUserSecretKmsKeyId=key_arn, StorageEncrypted=c["storageEncrypted"], KmsKeyId=key_arn,
                BackupRetentionPeriod=c["backupRetentionPeriod"], DeletionProtection=c["deletionProtection"],
                EnableIAMDatabaseAuthentication=c["iamDatabaseAuthenticationEnabled"],
                EnableCloudwatchLogsExports=c["enabledCloudwatchLogsExports"], DBSubnetGroupName=group["name"],
                DatabaseName=c["databaseName"], Port=c["port"],
            )["DBCluster"]
            for member in self.run.of_type("aws:rds/clusterInstance:ClusterInstance"):
                m = member.inputs
                rds.create_db_instance(
                    DBInstanceIdentifier=m["identifier"], DBClusterIdentifier=c["clusterIdentifier"],
                    Engine=m["engine"], DBInstanceClass=m["instanceClass"], AvailabilityZone=m["availabilityZone"],
                    PubliclyAccessible=m["publiclyAccessible"], AutoMinorVersionUpgrade=m["autoMinorVersionUpgrade"],
                    EnablePerformanceInsights=m["performanceInsightsEnabled"],
                    PerformanceInsightsKMSKeyId=key_arn, MonitoringInterval=m["monitoringInterval"],
                    MonitoringRoleArn=monitoring_role,
                    DBSubnetGroupName=group["name"],
                )
            self.outputs.update(databaseEndpoint=cluster["Endpoint"], databaseArn=cluster["DBClusterArn"],
                                databaseMasterSecretArn=cluster["MasterUserSecret"]["SecretArn"])
        else:
            i = self.run.one("aws:rds/instance:Instance").inputs
            instance = rds.create_db_instance(
                DBInstanceIdentifier=i["identifier"], Engine=i["engine"], EngineVersion=i["engineVersion"],
                DBInstanceClass=i["instanceClass"], AllocatedStorage=i["allocatedStorage"],
                MasterUsername=i["username"], ManageMasterUserPassword=i["manageMasterUserPassword"],
                MasterUserSecretKmsKeyId=key_arn, StorageEncrypted=i["storageEncrypted"], KmsKeyId=key_arn,
                MultiAZ=i["multiAz"], PubliclyAccessible=i["publiclyAccessible"],
                BackupRetentionPeriod=i["backupRetentionPeriod"], DeletionProtection=i["deletionProtection"],
                EnableIAMDatabaseAuthentication=i["iamDatabaseAuthenticationEnabled"],
                EnablePerformanceInsights=i["performanceInsightsEnabled"], PerformanceInsightsKMSKeyId=key_arn,
                MonitoringInterval=i["monitoringInterval"], MonitoringRoleArn=monitoring_role,
                DBSubnetGroupName=group["name"], DBName=i["dbName"],
            )["DBInstance"]
            self.outputs.update(databaseArn=instance["DBInstanceArn"],
                                databaseMasterSecretArn=instance["MasterUserSecret"]["SecretArn"])

    def _migration(self, key_arn: str, subnets: list[str]) -> None:
        dms, iam = self.client("dms"), self.client("iam")
        role = self.run.named("migration-dms-secrets-access-dev").inputs
        role_arn = iam.create_role(RoleName=role["name"], AssumeRolePolicyDocument=role["assumeRolePolicy"])["Role"]["Arn"]
        secrets = {s.name: self._secret(s, key_arn) for s in self.run.of_type("aws:secretsmanager/secret:Secret")}
        group = self.run.one("aws:dms/replicationSubnetGroup:ReplicationSubnetGroup").inputs
        dms.create_replication_subnet_group(
            ReplicationSubnetGroupIdentifier=group["replicationSubnetGroupId"],
            ReplicationSubnetGroupDescription=group["replicationSubnetGroupDescription"], SubnetIds=subnets)
        ri = self.run.one("aws:dms/replicationInstance:ReplicationInstance").inputs
        instance = dms.create_replication_instance(
            ReplicationInstanceIdentifier=ri["replicationInstanceId"],
            ReplicationInstanceClass=ri["replicationInstanceClass"], AllocatedStorage=ri["allocatedStorage"],
            EngineVersion=ri["engineVersion"], AutoMinorVersionUpgrade=ri["autoMinorVersionUpgrade"],
            MultiAZ=ri["multiAz"], PubliclyAccessible=ri["publiclyAccessible"], KmsKeyId=key_arn,
            ReplicationSubnetGroupIdentifier=group["replicationSubnetGroupId"],
        )["ReplicationInstance"]
        endpoint_arns = {}
        for declared in self.run.of_type("aws:dms/s3Endpoint:S3Endpoint"):
            e = declared.inputs
            endpoint = dms.create_endpoint(
                EndpointIdentifier=e["endpointId"], EndpointType=e["endpointType"], EngineName="s3",
                KmsKeyId=key_arn, ServiceAccessRoleArn=role_arn,
                S3Settings={"BucketName": self.outputs["landingBucketName"], "BucketFolder": e["bucketFolder"],
                            "ServiceAccessRoleArn": role_arn, "EncryptionMode": e["encryptionMode"],
                            "ServerSideEncryptionKmsKeyId": key_arn, "DataFormat": e["dataFormat"],
                            "CompressionType": e["compressionType"]},
            )["Endpoint"]
            endpoint_arns[e["endpointType"]] = endpoint["EndpointArn"]
        for declared in self.run.of_type("aws:dms/endpoint:Endpoint"):
            e = declared.inputs
            secret_name = "migration-source-db-secret-dev" if e["endpointType"] == "source" \
                else "migration-target-db-secret-dev"
            endpoint = dms.create_endpoint(
                EndpointIdentifier=e["endpointId"], EndpointType=e["endpointType"], EngineName=e["engineName"],
                DatabaseName=e["databaseName"], SslMode=e["sslMode"], KmsKeyId=key_arn,
                PostgreSQLSettings={"SecretsManagerSecretId": secrets[secret_name],
                                    "SecretsManagerAccessRoleArn": role_arn},
            )["Endpoint"]
            endpoint_arns[e["endpointType"]] = endpoint["EndpointArn"]
        t = self.run.one("aws:dms/replicationTask:ReplicationTask").inputs
        task = dms.create_replication_task(
            ReplicationTaskIdentifier=t["replicationTaskId"], SourceEndpointArn=endpoint_arns["source"],
            TargetEndpointArn=endpoint_arns["target"], ReplicationInstanceArn=instance["ReplicationInstanceArn"],
            MigrationType=t["migrationType"], TableMappings=t["tableMappings"],
            ReplicationTaskSettings=t["replicationTaskSettings"],
        )["ReplicationTask"]
        # The provider returns once the task is "ready"; moto leaves new tasks "creating" forever.
        from moto.core import DEFAULT_ACCOUNT_ID
        from moto.dms.models import dms_backends

        dms_backends[DEFAULT_ACCOUNT_ID][self.region].replication_tasks[task["ReplicationTaskArn"]].ready()
        self.outputs.update(
            dmsReplicationInstanceArn=instance["ReplicationInstanceArn"],
            dmsReplicationTaskArn=task["ReplicationTaskArn"],
            dmsSourceEndpointArn=endpoint_arns["source"], dmsTargetEndpointArn=endpoint_arns["target"],
            dmsSecretsAccessRoleArn=role_arn,
            sourceSecretArn=secrets["migration-source-db-secret-dev"],
        )
        if "migration-target-db-secret-dev" in secrets:
            self.outputs["targetSecretArn"] = secrets["migration-target-db-secret-dev"]

    def _monitoring(self, key_arn: str) -> None:
        sns, cloudwatch = self.client("sns"), self.client("cloudwatch")
        topic = self.run.one("aws:sns/topic:Topic").inputs
        topic_arn = sns.create_topic(Name=topic["name"], Attributes={"KmsMasterKeyId": key_arn})["TopicArn"]
        for declared in self.run.of_type("aws:cloudwatch/metricAlarm:MetricAlarm"):
            a = declared.inputs
            cloudwatch.put_metric_alarm(
                AlarmName=a["name"], AlarmDescription=a["alarmDescription"], Namespace=a["namespace"],
                MetricName=a["metricName"], Statistic=a["statistic"], Period=a["period"],
                EvaluationPeriods=a["evaluationPeriods"], DatapointsToAlarm=a["datapointsToAlarm"],
                Threshold=a["threshold"], ComparisonOperator=a["comparisonOperator"],
                TreatMissingData=a["treatMissingData"], ActionsEnabled=a["actionsEnabled"],
                AlarmActions=[topic_arn], OKActions=[topic_arn],
                Dimensions=[{"Name": k, "Value": v} for k, v in a["dimensions"].items()],
            )
        self.outputs.update(alarmTopicArn=topic_arn)
