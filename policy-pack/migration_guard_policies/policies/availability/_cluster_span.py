"""Shared by rds-cluster-multi-az and docdb-cluster-multi-az: a cluster's instances, their count and AZ span."""

from __future__ import annotations

from dataclasses import dataclass

from ...model import StackCheck, StackResourceView
from ..stack_links import Zone, distinct_zones
from ._planned import NameIndex, members, planned_zone


@dataclass(frozen=True)
class ClusterKind:
    label: str  # "Aurora cluster", "DocumentDB cluster"
    instance_type: str
    fix: str  # how to add an instance, in the SDK's words


WHY = "it decides whether the cluster has a reader in a second AZ to fail over to"


class ClusterSpan:
    """Instances of every cluster of the stack, resolved once (linear in the number of resources)."""

    def __init__(self, ctx: StackCheck, cluster_types: tuple[str, ...], kind: ClusterKind) -> None:
        self.ctx, self.kind = ctx, kind
        index = NameIndex(ctx, cluster_types, ("clusterIdentifier",))
        self.by_cluster, self.undecided = members(ctx, index, (kind.instance_type,), "clusterIdentifier")

    def check(self, cluster: StackResourceView, minimum: int) -> None:
        attached = self.by_cluster.get(cluster.urn, [])
        if len(attached) < minimum:
            self._too_few(cluster, attached, minimum)
            return
        self._span(cluster, attached)

    def _too_few(self, cluster: StackResourceView, attached: list[StackResourceView], minimum: int) -> None:
        if self.undecided:
            for instance in self.undecided:
                self.ctx.unverifiable_for(instance, "clusterIdentifier", WHY)
            return
        self.ctx.violation(
            f"{self.kind.label} {cluster.name} has {len(attached)} ClusterInstance(s) attached (at least {minimum} "
            "required): with a single instance a failure or AZ outage leaves no replica to promote. "
            f"{self.kind.fix}",
            cluster,
        )

    def _span(self, cluster: StackResourceView, attached: list[StackResourceView]) -> None:
        placed = [(instance, planned_zone(self.ctx, instance)) for instance in attached]
        zones = [zone for _, zone in placed if isinstance(zone, Zone)]
        if not zones:
            return  # the service places the instances across the AZs of the cluster's subnet group
        distinct = distinct_zones(zones)
        if distinct is not None and distinct >= 2:
            return
        hidden = [instance for instance, zone in placed if not isinstance(zone, Zone) and zone.unknown]
        if hidden or distinct is None:
            for instance in hidden:
                self.ctx.unverifiable_for(instance, "availabilityZone", "the cluster's other instances are all "
                                          "in one AZ")
            if distinct is None:
                self.ctx.unverifiable_for(cluster, "availabilityZone", "its instances name AZs by name and by id")
            return
        if len(zones) < len(attached):
            return  # the instances without an AZ are placed by the service, in the subnet group's other AZs
        self.ctx.violation(
            f"every instance of {self.kind.label} {cluster.name} is in Availability Zone {zones[0]}: an outage "
            "of that AZ takes the whole cluster down. Put at least one instance in a second AZ "
            "(availabilityZone) or leave availabilityZone unset so the service spreads them.",
            cluster,
        )
