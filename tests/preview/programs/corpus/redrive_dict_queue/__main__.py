import pulumi_aws as aws

dead_letters = aws.sqs.Queue("orders-dlq", message_retention_seconds=1209600)
aws.sqs.Queue(
    "orders",
    redrive_policy={"deadLetterTargetArn": dead_letters.arn, "maxReceiveCount": 5},
)
aws.sqs.Queue(
    "audit",
    redrive_policy={"deadLetterTargetArn": "arn:aws:sqs:us-west-2:123456789012:audit-dlq", "maxReceiveCount": 3},
)
