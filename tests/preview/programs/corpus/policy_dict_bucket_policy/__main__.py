import pulumi
import pulumi_aws as aws

bucket = aws.s3.BucketV2("site")
aws.s3.BucketPolicy(
    "site-tls-only",
    bucket=bucket.id,
    policy={
        "Version": "2012-10-17",
        "Statement": [{
            "Sid": "DenyInsecureTransport",
            "Effect": "Deny",
            "Principal": "*",
            "Action": "s3:*",
            "Resource": [bucket.arn, pulumi.Output.concat(bucket.arn, "/*")],
            "Condition": {"Bool": {"aws:SecureTransport": "false"}},
        }],
    },
)
aws.s3.BucketPolicy(
    "static-policy",
    bucket="legacy-bucket",
    policy={"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:DeleteBucket",
            "Resource": "arn:aws:s3:::legacy-bucket"}]},
)
