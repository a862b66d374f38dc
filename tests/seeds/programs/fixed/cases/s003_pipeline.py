"""Seed 003, finding 2 fixed: `artifact_stores`, a list, as pulumi-aws spells it."""

import json

import pulumi
import pulumi_aws as aws

environment_suffix = pulumi.Config().get("environmentSuffix") or "dev"
tags = {"Environment": environment_suffix, "ManagedBy": "Pulumi"}

kms_key = aws.kms.Key(f"education-pipeline-key-{environment_suffix}", enable_key_rotation=True, tags=tags)
artifact_bucket = aws.s3.Bucket(f"education-artifacts-{environment_suffix}", tags=tags)
aws.s3.BucketServerSideEncryptionConfiguration(
    f"education-artifacts-encryption-{environment_suffix}",
    bucket=artifact_bucket.id,
    rules=[aws.s3.BucketServerSideEncryptionConfigurationRuleArgs(
        apply_server_side_encryption_by_default=(
            aws.s3.BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultArgs(
                sse_algorithm="aws:kms", kms_master_key_id=kms_key.arn,
            )
        ),
    )],
)
codepipeline_role = aws.iam.Role(
    f"education-pipeline-role-{environment_suffix}",
    assume_role_policy=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"Service": "codepipeline.amazonaws.com"},
                       "Action": "sts:AssumeRole"}],
    }),
    tags=tags,
)

pipeline = aws.codepipeline.Pipeline(
    f"education-pipeline-{environment_suffix}",
    name=f"education-pipeline-{environment_suffix}",
    role_arn=codepipeline_role.arn,
    artifact_stores=[aws.codepipeline.PipelineArtifactStoreArgs(  # CORRECT: plural, list
        location=artifact_bucket.bucket,
        type="S3",
        encryption_key=aws.codepipeline.PipelineArtifactStoreEncryptionKeyArgs(id=kms_key.arn, type="KMS"),
    )],
    stages=[
        aws.codepipeline.PipelineStageArgs(name="Source", actions=[aws.codepipeline.PipelineStageActionArgs(
            name="Source", category="Source", owner="AWS", provider="S3", version="1",
            output_artifacts=["source"],
            configuration={"S3Bucket": artifact_bucket.bucket, "S3ObjectKey": "source.zip"},
        )]),
        aws.codepipeline.PipelineStageArgs(name="Approve", actions=[aws.codepipeline.PipelineStageActionArgs(
            name="Approve", category="Approval", owner="AWS", provider="Manual", version="1",
        )]),
    ],
    tags=tags,
)
