"""redshift-cluster-not-public: Redshift clusters are explicitly not publicly accessible."""

from __future__ import annotations

from ...context import ResourceCheck
from ...examples import Example, unknown
from ...spec import SECURITY_TAG, Family, Framework, ResourcePolicySpec
from ...types import REDSHIFT_CLUSTER

WHY = "a publicly accessible cluster gets a public IP address and a DNS name that resolves to it"


def check(r: ResourceCheck) -> None:
    public = r.props.get("publiclyAccessible")
    if r.check_unknown(public, WHY):
        return
    if public.is_false():
        return
    if public.is_true():
        state = "is true"
    elif public.absent or public.value is None:
        state = "is not set explicitly to false (Redshift's default has changed over time; do not rely on it)"
    else:
        state = "is not a boolean"
    r.violation(
        f"publiclyAccessible {state}: {WHY}, one security-group rule away from the internet. Set "
        "publiclyAccessible: false and reach the warehouse through private subnets, a VPN or Redshift-managed "
        "VPC endpoints."
    )


SPEC = ResourcePolicySpec(
    name="redshift-cluster-not-public",
    description="Redshift clusters are explicitly not publicly accessible.",
    family=Family.OPERATIONS,
    tags=(SECURITY_TAG,),  # public access is a security control (SARIF `security`), whatever its family
    severity="critical",
    level="mandatory",
    resource_types=(REDSHIFT_CLUSTER,),
    rule=(
        "`publiclyAccessible` is explicitly false. The CreateCluster API defaults PubliclyAccessible to false today "
        "(https://docs.aws.amazon.com/redshift/latest/APIReference/API_CreateCluster.html), but older defaults "
        "(of the API and of earlier provider versions) made clusters public, and a restore or an older toolchain "
        "may still do so: the rule asks for the explicit setting."
    ),
    unknown_handling="unverifiable",
    remediation=(
        "1. Set publicly_accessible=False on the aws.redshift.Cluster.\n"
        "2. Give it a cluster_subnet_group_name of private subnets; reach it through a VPN, Direct Connect or a "
        "Redshift-managed VPC endpoint "
        "(https://docs.aws.amazon.com/redshift/latest/mgmt/managing-cluster-cross-vpc.html)."
    ),
    framework=Framework("AWS Config managed rule", "redshift-cluster-public-access-check"),
    refs=("Redshift.1", "CKV_AWS_87"),
    check=check,
    examples=(
        Example("Private cluster", {"nodeType": "ra3.xlplus", "publiclyAccessible": False}, "pass"),
        Example("Omitted (do not rely on the default)", {"nodeType": "ra3.xlplus"}, "fail",
                mentions=("publiclyAccessible",)),
        Example("Explicitly public", {"nodeType": "ra3.xlplus", "publiclyAccessible": True}, "fail",
                mentions=("publiclyAccessible",)),
        Example("Computed from another output", {"nodeType": "ra3.xlplus", "publiclyAccessible": unknown("boolean")},
                "unverifiable"),
    ),
)
