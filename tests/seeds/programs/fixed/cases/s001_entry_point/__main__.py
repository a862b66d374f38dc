#!/usr/bin/env python3
"""Seed 001, finding 1 fixed: the entry point reads every argument TapStackArgs requires from config."""

import os

import pulumi
from lib.tap_stack import TapStack, TapStackArgs

config = pulumi.Config()
environment_suffix = os.getenv("ENVIRONMENT_SUFFIX") or config.get("env") or "dev"

stack = TapStack(
    name=f"aurora-migration-stack-{environment_suffix}",
    args=TapStackArgs(
        environment_suffix=environment_suffix,
        vpc_id=config.require("vpc_id"),
        private_subnet_ids=config.require_object("private_subnet_ids"),
        dms_subnet_ids=config.require_object("dms_subnet_ids"),
        source_db_host=config.require("source_db_host"),
        source_db_port=config.get_int("source_db_port") or 5432,
        source_db_name=config.get("source_db_name") or "postgres",
        source_db_username=config.require("source_db_username"),
        source_db_password=config.require_secret("source_db_password"),
        aurora_username=config.get("aurora_username") or "auroraMaster",
        aurora_password=config.require_secret("aurora_password"),
        tags={"Repository": os.getenv("REPOSITORY", "iac-test-automations")},
    ),
)

pulumi.export("secret_arn", stack.secret_arn)
