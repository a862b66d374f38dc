"""Seed 004, finding 7 fixed: the image is the application's, from config, pinned by digest."""

import json

import pulumi
import pulumi_aws as aws

config = pulumi.Config()
env_suffix = config.get("environmentSuffix") or "dev"

aws.ecs.TaskDefinition(
    f"java-api-task-{env_suffix}",
    family=f"java-api-{env_suffix}",
    cpu=str(config.get_int("ecsTaskCpu") or 1024),
    memory=str(config.get_int("ecsTaskMemory") or 2048),
    network_mode="awsvpc",
    requires_compatibilities=["FARGATE"],
    container_definitions=json.dumps([{
        "name": "java-api",
        "image": config.require("appImage"),
        "essential": True,
        "portMappings": [{"containerPort": 8080, "protocol": "tcp"}],
    }]),
    tags={"Environment": env_suffix, "ManagedBy": "Pulumi"},
)
