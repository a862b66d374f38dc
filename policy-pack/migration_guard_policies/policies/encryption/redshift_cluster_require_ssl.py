"""redshift-cluster-require-ssl (stack): every Redshift cluster uses a parameter group with require_ssl true."""

from __future__ import annotations

from ...examples import StackExample, StackResource, unknown
from ...model import Family, Framework, StackCheck, StackPolicySpec, StackResourceView
from ...types import REDSHIFT_CLUSTER, REDSHIFT_PARAMETER_GROUP
from ..stack_links import linked
from ._common import program_inputs

GROUP_PROP = "clusterParameterGroupName"
WHY = "the cluster's parameter group must set require_ssl to true so clients cannot connect in plaintext"


def _group_requires_ssl(c: StackCheck, cluster: StackResourceView, group: StackResourceView) -> None:
    params = group.props.get("parameters")
    if params.has_unknown() and params.list() is None:
        c.unverifiable_for(group, "parameters", WHY)
        return
    items = params.list()
    if items is None and params.present:
        c.violation(f"parameter group '{group.name}' of cluster '{cluster.name}': parameters cannot be read as a "
                    "list of {name, value}, so require_ssl cannot be verified. Set require_ssl to true.", cluster)
        return
    values = []
    for index in range(len(items or [])):
        name = group.props.get(f"parameters[{index}].name")
        if name.has_unknown():
            c.unverifiable_for(group, name.path, WHY)
            return
        if (name.str() or "").lower() == "require_ssl":
            values.append(group.props.get(f"parameters[{index}].value"))
    if any(value.has_unknown() for value in values):
        c.unverifiable_for(group, "parameters[].value", WHY)
        return
    if not values or any(not value.is_true() for value in values):
        state = "does not set require_ssl" if not values else "sets require_ssl to something other than true"
        c.violation(f"cluster '{cluster.name}' uses parameter group '{group.name}', which {state}: clients could "
                    "connect without TLS. Add {name: require_ssl, value: \"true\"} to its parameters.", cluster)


def _check_cluster(c: StackCheck, cluster: StackResourceView) -> None:
    groups = linked(c, cluster, GROUP_PROP, (REDSHIFT_PARAMETER_GROUP,), ("name",))
    if groups:
        for group in groups:
            _group_requires_ssl(c, cluster, group)
        return
    read = cluster.props.get(GROUP_PROP)
    inputs = program_inputs(c, cluster)
    if read.unknown and inputs is not None and not inputs.get(GROUP_PROP).present:
        read = inputs.get(GROUP_PROP)  # planned output of an omitted name: the provider picks the default group
    if read.has_unknown():
        c.unverifiable_for(cluster, GROUP_PROP, f"it may name a parameter group outside the stack; {WHY}")
        return
    name = read.str()
    if not name or name.lower().startswith("default."):
        shown = "is not set (the default parameter group" if not name else "names a default parameter group (it"
        c.violation(f"cluster '{cluster.name}': {GROUP_PROP} {shown} does not require TLS). Create an "
                    "aws.redshift.ParameterGroup with require_ssl \"true\" and set clusterParameterGroupName to its "
                    "name.", cluster)
        return
    c.unverifiable_for(cluster, GROUP_PROP, f"it names a parameter group that is not in this stack; {WHY}")


def check(c: StackCheck) -> None:
    clusters = c.of_type(REDSHIFT_CLUSTER)
    if not clusters:
        raise c.not_applicable("the stack has no Redshift clusters")
    for cluster in clusters:
        _check_cluster(c, cluster)


_GROUP = StackResource(REDSHIFT_PARAMETER_GROUP, "warehouse-params-dev",
                       {"name": "warehouse-params-dev", "family": "redshift-2.0",
                        "parameters": [{"name": "require_ssl", "value": "true"}]})


def _cluster(group: object = unknown(), deps: tuple[str, ...] = ("warehouse-params-dev",)) -> StackResource:
    props: dict[str, object] = {"clusterIdentifier": "warehouse-dev", "nodeType": "ra3.xlplus", "encrypted": "true"}
    if group is not None:
        props[GROUP_PROP] = group
    return StackResource(REDSHIFT_CLUSTER, "warehouse-dev", props, deps={GROUP_PROP: deps} if deps else {})


SPEC = StackPolicySpec(
    name="redshift-cluster-require-ssl",
    description="Every Redshift cluster uses a parameter group that requires TLS (require_ssl true).",
    family=Family.ENCRYPTION,
    severity="high",
    level="mandatory",
    resource_types=(REDSHIFT_CLUSTER, REDSHIFT_PARAMETER_GROUP),
    rule=(
        "Every redshift Cluster uses a parameter group (`clusterParameterGroupName`, linked by property "
        "dependency or by the group's literal `name`) whose `parameters` set `require_ssl` to true. A cluster "
        "without one uses the default parameter group, whose require_ssl is false (Amazon Redshift Management "
        "Guide, \"Configuring security options for connections\"): it fails, and so does a `default.*` group. "
        "Under the engine's AnalyzeStack, which shows an omitted clusterParameterGroupName as unknown (the "
        "provider computes it), the Analyze inputs the pack saw for the cluster in this preview decide."
    ),
    unknown_handling=(
        "unverifiable (an unknown parameter list, name or value, an unknown clusterParameterGroupName that "
        "depends on no group of the stack, or a literal name of a group outside the stack)"
    ),
    remediation=(
        "1. Create aws.redshift.ParameterGroup(family=\"redshift-2.0\", parameters=[{\"name\": \"require_ssl\", "
        "\"value\": \"true\"}]).\n"
        "2. Set cluster_parameter_group_name=group.name on the aws.redshift.Cluster (pass the output, not a "
        "copied string, so the link is visible).\n"
        "3. Connect clients and DMS endpoints with TLS (sslmode=require or stricter)."
    ),
    framework=Framework("AWS Security Hub", "Redshift.2"),
    refs=("Redshift.2", "CKV_AWS_105"),
    check=check,
    examples=(
        StackExample("Cluster using a group that requires TLS", (_GROUP, _cluster()), "pass"),
        StackExample("Group named literally", (_GROUP, _cluster("warehouse-params-dev", deps=())), "pass"),
        StackExample("Cluster on the default parameter group", (_cluster(None, deps=()),), "fail",
                     mentions=("clusterParameterGroupName",), failing=("warehouse-dev",)),
        StackExample(
            "Group without require_ssl",
            (StackResource(REDSHIFT_PARAMETER_GROUP, "warehouse-params-dev",
                           {"name": "warehouse-params-dev", "family": "redshift-2.0",
                            "parameters": [{"name": "enable_user_activity_logging", "value": "true"}]}),
             _cluster()),
            "fail", mentions=("require_ssl",), failing=("warehouse-dev",)),
        StackExample(
            "require_ssl computed from another output",
            (StackResource(REDSHIFT_PARAMETER_GROUP, "warehouse-params-dev",
                           {"name": "warehouse-params-dev", "parameters": [{"name": "require_ssl",
                                                                             "value": unknown()}]}),
             _cluster()),
            "unverifiable"),
        StackExample("No Redshift cluster", (_GROUP,), "not_applicable"),
    ),
)
