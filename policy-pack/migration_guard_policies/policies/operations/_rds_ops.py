"""Helpers shared by the RDS operations policies (backups, deletion protection, monitoring, ...)."""

from __future__ import annotations

from ...context import ResourceCheck
from ...types import RDS_INSTANCE
from ..rds_common import is_aurora


def aurora_instance_not_applicable(r: ResourceCheck, what: str) -> None:
    """Aurora keeps cluster-wide settings on the Cluster: an Aurora ``rds Instance`` is not checked."""
    if r.type == RDS_INSTANCE and is_aurora(r.props):
        r.not_applicable(f"Aurora {what} is configured on the cluster and checked there")


def require_true(r: ResourceCheck, prop: str, why: str, fix: str) -> None:
    """``prop`` must be true: unknown is unverifiable, anything else (absent, false) a violation."""
    read = r.props.get(prop)
    if r.check_unknown(read, why):
        return
    if not read.is_true():
        state = "is false" if read.is_false() else "is not set to true"
        r.violation(f"{prop} {state}: {why}. {fix}")
