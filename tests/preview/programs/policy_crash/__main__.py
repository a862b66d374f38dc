import pulumi_aws as aws

aws.sqs.Queue("jobs-dev")
