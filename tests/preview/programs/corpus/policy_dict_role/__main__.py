import pulumi_aws as aws

role = aws.iam.Role(
    "lambda-role",
    assume_role_policy={
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}],
    },
)
aws.iam.RolePolicy(
    "lambda-logs",
    role=role.id,
    policy={
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"], "Resource": "*"}],
    },
)
