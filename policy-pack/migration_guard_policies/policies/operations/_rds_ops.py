"""Helpers shared by the RDS operations policies (backups, deletion protection, monitoring, ...)."""

from __future__ import annotations

from ...model import ResourceCheck
from ...types import RDS_CLUSTER, RDS_INSTANCE
from ..rds_common import is_aurora


def aurora_instance_not_applicable(r: ResourceCheck, what: str) -> None:
    """Aurora keeps cluster-wide settings on the Cluster: an Aurora ``rds Instance`` is not checked."""
    if r.type == RDS_INSTANCE and is_aurora(r.props):
        raise r.not_applicable(f"Aurora {what} is configured on the cluster and checked there")


def require_true(r: ResourceCheck, prop: str, why: str, fix: str) -> None:
    """``prop`` must be true: unknown is unverifiable, anything else (absent, false) a violation."""
    read = r.props.get(prop)
    if r.check_unknown(read, why):
        return
    if not read.is_true():
        state = "is false" if read.is_false() else "is not set to true"
        r.violation(f"{prop} {state}: {why}. {fix}")


def checked_here(r: ResourceCheck, what: str) -> bool:
    """Whether ``what`` is checked on this resource; raises not-applicable for an Aurora rds Cluster.

    An rds Instance or ClusterInstance is always checked. On an rds Cluster only a Multi-AZ DB cluster
    (non-Aurora, ``dbClusterInstanceClass``) is: Aurora keeps ``what`` on its ClusterInstances, while a
    Multi-AZ DB cluster has no instance resources of its own (RDS creates its writer and two readers), so the
    setting lives on the Cluster. False when that cannot be told during preview (recorded as unverifiable).
    """
    if r.type != RDS_CLUSTER:
        return True
    why = f"it decides whether the cluster is a Multi-AZ DB cluster, which sets {what} on the Cluster"
    instance_class = r.props.get("dbClusterInstanceClass")
    if r.check_unknown(instance_class, why):
        return False
    if not instance_class.is_set or is_aurora(r.props):
        raise r.not_applicable(f"Aurora clusters set {what} on their ClusterInstances, which are checked there")
    return not r.check_unknown(r.props.get("engine"), why)
