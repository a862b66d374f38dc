import json

import pulumi_aws as aws

role = aws.iam.Role(
    "app-role",
    assume_role_policy=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}],
    }),
)
aws.iam.RolePolicyAttachment("app-ssm", role=role, policy_arn="arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore")
profile = aws.iam.InstanceProfile("app-profile", role=role)
