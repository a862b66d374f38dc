#!/usr/bin/env python3
"""Seed 001, finding 1: the entry point passes only environment_suffix to TapStackArgs."""

import os

import pulumi
from lib.tap_stack import TapStack, TapStackArgs

config = pulumi.Config()
environment_suffix = os.getenv("ENVIRONMENT_SUFFIX") or config.get("env") or "dev"

stack = TapStack(
    name="pulumi-infra",
    args=TapStackArgs(environment_suffix=environment_suffix),
)
