"""RDS facts several policies share."""

from __future__ import annotations

from ..props import Props
from ..types import RDS_CLUSTER, RDS_INSTANCE


def inherited_from_source(resource_type: str, props: Props) -> str | None:
    """Why a database takes its storage and credentials from elsewhere, or None.

    Read replicas, snapshot restores, point-in-time restores and secondary clusters of a global
    database inherit encryption and master credentials from their source.
    """
    if resource_type == RDS_INSTANCE and props.get("replicateSourceDb").present:
        return "a read replica (replicateSourceDb) inherits this from its source"
    if resource_type == RDS_CLUSTER and props.get("replicationSourceIdentifier").present:
        return "a replica cluster (replicationSourceIdentifier) inherits this from its source"
    if props.get("snapshotIdentifier").present:
        return "a snapshot restore (snapshotIdentifier) inherits this from the snapshot"
    if props.get("restoreToPointInTime").present:
        return "a point-in-time restore (restoreToPointInTime) inherits this from its source"
    if (
        resource_type == RDS_CLUSTER
        and props.get("globalClusterIdentifier").present
        and not props.get("masterUsername").present
        and not props.get("manageMasterUserPassword").present
    ):
        return "a secondary cluster of a global database inherits this from the primary"
    return None


def engine(props: Props) -> str | None:
    value = props.get("engine").str()
    return value.lower() if value else None


def is_aurora(props: Props) -> bool:
    return (engine(props) or "").startswith("aurora")
