import pulumi
import pulumi_aws as aws

ireland = aws.Provider("ireland", region="eu-west-1")
settings = ireland.terraform_config()
aws.sqs.Queue("eu-events", opts=pulumi.ResourceOptions(provider=ireland))
pulumi.export("providerRegion", settings.result["region"])
