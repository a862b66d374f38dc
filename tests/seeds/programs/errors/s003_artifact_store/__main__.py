"""Seed 003, finding 2: CodePipeline's CloudFormation spelling `artifact_store` (pulumi-aws: `artifact_stores`)."""

import pulumi
import pulumi_aws as aws

environment_suffix = pulumi.Config().get("environmentSuffix") or "dev"

artifact_bucket = aws.s3.Bucket(f"education-artifacts-{environment_suffix}")
codepipeline_role_arn = "arn:aws:iam::123456789012:role/education-codepipeline"
kms_key_arn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"

pipeline = aws.codepipeline.Pipeline(
    f"education-pipeline-{environment_suffix}",
    name=f"education-pipeline-{environment_suffix}",
    role_arn=codepipeline_role_arn,
    artifact_store=aws.codepipeline.PipelineArtifactStoreArgs(  # WRONG: singular
        location=artifact_bucket.bucket,
        type="S3",
        encryption_key=aws.codepipeline.PipelineArtifactStoreEncryptionKeyArgs(id=kms_key_arn, type="KMS"),
    ),
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
)
