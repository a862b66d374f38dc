"""dms-replication-instance-not-public: DMS replication instances get no public IP address."""

from __future__ import annotations

from ...context import ResourceCheck
from ...examples import Example, unknown
from ...spec import SECURITY_TAG, Family, Framework, ResourcePolicySpec
from ...types import DMS_REPLICATION_INSTANCE


def check(r: ResourceCheck) -> None:
    public = r.props.get("publiclyAccessible")
    if r.check_unknown(public, "the AWS API makes a replication instance public unless told otherwise"):
        return
    if public.is_false():
        return
    state = "is true" if public.is_true() else "is not set explicitly to false (the AWS API defaults to true)"
    r.violation(
        f"publiclyAccessible {state}: the replication instance, which holds credentials to both databases, would "
        "get a public IP address. Set publiclyAccessible: false and place it in a private replication subnet group."
    )


SPEC = ResourcePolicySpec(
    name="dms-replication-instance-not-public",
    description="DMS replication instances are explicitly not publicly accessible.",
    family=Family.OPERATIONS,
    tags=(SECURITY_TAG,),  # public access is a security control (SARIF `security`), whatever its family
    severity="critical",
    level="mandatory",
    resource_types=(DMS_REPLICATION_INSTANCE,),
    rule="`publiclyAccessible` is explicitly false (the AWS API defaults to true; do not rely on any default).",
    unknown_handling="unverifiable",
    remediation=(
        "1. Set publicly_accessible=False on the aws.dms.ReplicationInstance (it forces a replacement on an "
        "existing instance).\n"
        "2. Give it a replication subnet group of private subnets and reach on-premises sources through a VPN "
        "or Direct Connect."
    ),
    framework=Framework("AWS Config managed rule", "dms-replication-not-public"),
    refs=("CKV_AWS_89",),
    check=check,
    examples=(
        Example(
            "Private replication instance",
            {"replicationInstanceClass": "dms.r6i.large", "publiclyAccessible": False},
            "pass",
        ),
        Example(
            "Omitted (the AWS API defaults to public)",
            {"replicationInstanceClass": "dms.r6i.large"},
            "fail",
            mentions=("publiclyAccessible",),
        ),
        Example(
            "Explicitly public",
            {"replicationInstanceClass": "dms.r6i.large", "publiclyAccessible": True},
            "fail",
            mentions=("publiclyAccessible",),
        ),
        Example(
            "Computed from another output",
            {"replicationInstanceClass": "dms.r6i.large", "publiclyAccessible": unknown("boolean")},
            "unverifiable",
        ),
    ),
)
