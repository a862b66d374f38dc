
import pulumi
import pulumi_aws as aws
from app import handler_role

role = handler_role("thumbnails")
fn = aws.lambda_.Function(
    "thumbnails",
    role=role.arn,
    runtime="python3.12",
    handler="index.handler",
    code=pulumi.AssetArchive({"index.py": pulumi.StringAsset("def handler(event, context):\n    return event\n")}),
    timeout=30,
)
aws.lambda_.Permission("s3-invoke", action="lambda:InvokeFunction", function=fn, principal="s3.amazonaws.com")
aws.cloudwatch.LogGroup("thumbnails", name=fn.name.apply(lambda n: f"/aws/lambda/{n}"), retention_in_days=14)
