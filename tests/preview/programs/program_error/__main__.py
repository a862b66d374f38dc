import pulumi_aws as aws
from settings import database_size

aws.s3.Bucket("logs-dev")
size = database_size("dev")
