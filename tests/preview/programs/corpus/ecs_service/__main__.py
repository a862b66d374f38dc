import json

import pulumi_aws as aws

cluster = aws.ecs.Cluster("apps", settings=[{"name": "containerInsights", "value": "enabled"}])
logs = aws.cloudwatch.LogGroup("api", retention_in_days=30)
execution = aws.iam.Role("api-exec", assume_role_policy=json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}],
}))
task = aws.ecs.TaskDefinition(
    "api",
    family="api",
    cpu="256",
    memory="512",
    network_mode="awsvpc",
    requires_compatibilities=["FARGATE"],
    execution_role_arn=execution.arn,
    container_definitions=logs.name.apply(lambda group: json.dumps([{
        "name": "api",
        "image": "public.ecr.aws/nginx/nginx:1.27",
        "essential": True,
        "portMappings": [{"containerPort": 80}],
        "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": group, "awslogs-region": "us-west-2", "awslogs-stream-prefix": "api"}},
    }])),
)
vpc = aws.ec2.get_vpc(default=True)
subnets = aws.ec2.get_subnets(filters=[{"name": "vpc-id", "values": [vpc.id]}])
aws.ecs.Service(
    "api",
    cluster=cluster.arn,
    task_definition=task.arn,
    desired_count=2,
    launch_type="FARGATE",
    network_configuration={"subnets": subnets.ids, "assign_public_ip": False},
)
