import pulumi
import pulumi_aws as aws

me = aws.s3.get_canonical_user_id()
caller = aws.get_caller_identity()
bucket = aws.s3.BucketV2("logs")
aws.s3.BucketOwnershipControls("logs", bucket=bucket.id, rule={"object_ownership": "BucketOwnerPreferred"})
pulumi.export("owner", me.id)
pulumi.export("account", caller.account_id)
