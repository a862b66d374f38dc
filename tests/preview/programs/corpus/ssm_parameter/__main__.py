import pulumi_aws as aws

image_tag = aws.ssm.get_parameter(name="/platform/api/image-tag")
role = aws.iam.Role("fn", assume_role_policy=aws.iam.get_policy_document(statements=[
    aws.iam.GetPolicyDocumentStatementArgs(
        actions=["sts:AssumeRole"],
        principals=[aws.iam.GetPolicyDocumentStatementPrincipalArgs(type="Service", identifiers=["lambda.amazonaws.com"])],
    ),
]).json)
aws.lambda_.Function(
    "api",
    role=role.arn,
    package_type="Image",
    image_uri=f"123456789012.dkr.ecr.us-west-2.amazonaws.com/api:{image_tag.insecure_value}",
    environment=aws.lambda_.FunctionEnvironmentArgs(variables={"TAG_VERSION": str(image_tag.version)}),
)
