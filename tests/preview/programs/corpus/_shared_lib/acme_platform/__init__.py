"""A company's shared component library, imported from outside the project (as from a virtualenv)."""
import pulumi_aws as aws


def standard_queue(name: str) -> aws.sqs.Queue:
    dead_letters = aws.sqs.Queue(f"{name}-dlq", message_retention_seconds=1209600)
    return aws.sqs.Queue(
        name,
        sqs_managed_sse_enabled=True,
        redrive_policy=dead_letters.arn.apply(lambda arn: f'{{"deadLetterTargetArn":"{arn}","maxReceiveCount":5}}'),
    )
