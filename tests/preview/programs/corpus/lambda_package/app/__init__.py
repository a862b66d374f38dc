import pulumi_aws as aws


def handler_role(name: str) -> aws.iam.Role:
    role = aws.iam.Role(
        f"{name}-role",
        assume_role_policy={
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}],
        },
    )
    aws.iam.RolePolicyAttachment(f"{name}-basic", role=role,
                                 policy_arn="arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole")
    return role
