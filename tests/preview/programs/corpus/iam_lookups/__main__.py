import pulumi_aws as aws

ops = aws.iam.get_role(name="platform-ops")
read_only = aws.iam.get_policy(arn="arn:aws:iam::aws:policy/ReadOnlyAccess")
aws.iam.RolePolicyAttachment("ops-read-only", role=ops.name, policy_arn=read_only.arn)
aws.iam.Policy("ops-extra", policy=read_only.policy)
