"""Second test pack: one advisory policy on every bucket."""

from pulumi_policy import EnforcementLevel, PolicyPack, ResourceValidationPolicy, Severity


def no_buckets(args, report):
    if args.resource_type == "aws:s3/bucket:Bucket":
        report("a bucket was found.")


PolicyPack(
    name="second-test-pack",
    policies=[
        ResourceValidationPolicy(
            name="bucket-noticed",
            description="Notices buckets.",
            enforcement_level=EnforcementLevel.ADVISORY,
            severity=Severity.LOW,
            validate=no_buckets,
        )
    ],
)
