"""Seed 004, finding 7: the Java API task runs a generic Tomcat image instead of the application."""

import json

import pulumi
import pulumi_aws as aws

env_suffix = pulumi.Config().get("environmentSuffix") or "dev"

aws.ecs.TaskDefinition(
    f"java-api-task-{env_suffix}",
    family=f"java-api-{env_suffix}",
    cpu="1024",
    memory="2048",
    network_mode="awsvpc",
    requires_compatibilities=["FARGATE"],
    container_definitions=json.dumps([{
        "name": "java-api",
        "image": "tomcat:9-jdk17",
        "essential": True,
        "portMappings": [{"containerPort": 8080, "protocol": "tcp"}],
    }]),
    tags={"Environment": env_suffix, "ManagedBy": "Pulumi"},
)
