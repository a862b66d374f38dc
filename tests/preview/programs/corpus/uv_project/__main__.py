import pulumi_aws as aws

aws.sns.Topic("deploys")
