"""s3-bucket-encrypted (stack): every bucket has default encryption with an allowed algorithm."""

from __future__ import annotations

from ...context import StackCheck, StackResourceView
from ...examples import StackExample, StackResource, unknown
from ...props import Read
from ...settings import BoolSetting, StrListSetting
from ...spec import Family, Framework, StackPolicySpec
from ...types import (
    S3_BUCKET,
    S3_BUCKET_SSE,
    S3_BUCKET_SSE_V2,
    S3_BUCKET_V2,
    S3_BUCKET_WEBSITE,
    S3_BUCKET_WEBSITE_V2,
)
from ._common import program_inputs

KNOWN_ALGORITHMS = ("AES256", "aws:kms", "aws:kms:dsse")
DEFAULT_ALLOWED = ["aws:kms", "aws:kms:dsse"]
INLINE_PATHS = {
    S3_BUCKET: "serverSideEncryptionConfiguration.rule.applyServerSideEncryptionByDefault.sseAlgorithm",
    S3_BUCKET_V2: (
        "serverSideEncryptionConfigurations[*].rules[*].applyServerSideEncryptionByDefaults[*].sseAlgorithm"
    ),
}
SSE_PATH = "rules[*].applyServerSideEncryptionByDefault.sseAlgorithm"
INLINE_WEBSITE = {S3_BUCKET: "website", S3_BUCKET_V2: "websites"}
INLINE_ROOT = {S3_BUCKET: "serverSideEncryptionConfiguration", S3_BUCKET_V2: "serverSideEncryptionConfigurations"}
SSE_S3 = "AES256"
WHY = "the bucket's default encryption algorithm must be one of the allowed algorithms"


ALLOWED_ALGORITHMS = StrListSetting(
    "allowedAlgorithms",
    default=tuple(DEFAULT_ALLOWED),
    item_enum=tuple(list(KNOWN_ALGORITHMS)),
    description="Acceptable default encryption algorithms (sseAlgorithm).",
)
ALLOW_SSE_S3_FOR_WEBSITES = BoolSetting(
    'allowSseS3ForWebsites',
    default=True,
    description="Also accept AES256 (SSE-S3) on buckets that serve a website, whose anonymous "
                           "visitors cannot read SSE-KMS objects.",
)


def _linked_buckets(c: StackCheck, sub: StackResourceView) -> list[StackResourceView]:
    """The buckets a sub-resource's `bucket` comes from (property dependencies) or names literally."""
    found = {b.urn: b for b in c.deps(sub, "bucket") if b.type in INLINE_PATHS}
    name = sub.props.get("bucket").str()
    if name is not None:
        found.update((b.urn, b) for b in c.named(tuple(INLINE_PATHS), ("bucket",), name)
                     if b.props.get("bucket").str() == name)
    return list(found.values())


def _by_bucket(c: StackCheck, subs: list[StackResourceView]) -> dict[str, list[StackResourceView]]:
    """bucket URN -> the sub-resources (SSE or website configurations) linked to it, in stack order."""
    linked: dict[str, list[StackResourceView]] = {}
    for sub in subs:
        for bucket in _linked_buckets(c, sub):
            linked.setdefault(bucket.urn, []).append(sub)
    return linked


def _candidates(unresolved: list[StackResourceView], bucket: StackResourceView) -> list[StackResourceView]:
    """SSE configurations linked to no bucket of the stack that could still be this bucket's."""
    bucket_name_unknown = bucket.props.get("bucket").unknown
    return [sse for sse in unresolved
            if sse.props.get("bucket").unknown or (bucket_name_unknown and sse.props.get("bucket").str() is not None)]


def _judge(c: StackCheck, bucket: StackResourceView, owner: StackResourceView, reads: list[Read], source: str,
           allowed: list[str]) -> None:
    """Report the bucket unless every algorithm read from ``owner`` (described as ``source``) is allowed."""
    unknown_reads = [read for read in reads if read.unknown]
    for read in unknown_reads:
        c.unverifiable_for(owner, read.path, WHY)
    if unknown_reads:
        return
    algorithms = [algorithm for algorithm in (read.str() for read in reads) if algorithm]
    wanted = " or ".join(allowed) or "an allowed algorithm"
    if not algorithms:
        c.violation(f"{source} sets no default encryption algorithm (sseAlgorithm). Set sseAlgorithm to {wanted}.",
                    bucket)
    elif any(algorithm not in allowed for algorithm in algorithms):
        # Echo only the algorithms S3 knows; anything else could be any text.
        shown = ", ".join(sorted({f"'{a}'" if a in KNOWN_ALGORITHMS else "(unrecognised)"
                                  for a in algorithms if a not in allowed}))
        c.violation(f"{source} uses sseAlgorithm {shown}, which is not allowed (allowedAlgorithms). Set "
                    f"sseAlgorithm to {wanted} with kmsMasterKeyId set to a customer-managed key.", bucket)


def _serves_website(bucket: StackResourceView, websites: dict[str, list[StackResourceView]]) -> bool:
    """A website configuration resource for this bucket, or a known inline website block on it."""
    if websites.get(bucket.urn):
        return True
    inline = bucket.props.get(INLINE_WEBSITE[bucket.type])
    return inline.is_set and not inline.has_unknown()


def _allowed_for(c: StackCheck, bucket: StackResourceView, allowed: list[str],
                 websites: dict[str, list[StackResourceView]]) -> list[str]:
    """Public website buckets may use SSE-S3: anonymous requests cannot read SSE-KMS objects."""
    if SSE_S3 not in allowed and c.setting(ALLOW_SSE_S3_FOR_WEBSITES) is True and _serves_website(bucket, websites):
        return [*allowed, SSE_S3]
    return allowed


def _inline_reads(c: StackCheck, bucket: StackResourceView) -> list[Read]:
    """The inline algorithms of a bucket; none when the program set no inline configuration.

    The engine's AnalyzeStack shows planned outputs, in which an inline configuration the program did
    not set is unknown (S3 computes it). The Analyze inputs the pack saw for the bucket in this preview
    tell that apart from a configuration set from an unknown output.
    """
    reads = bucket.props.all(INLINE_PATHS[bucket.type])
    if reads and all(read.unknown for read in reads):
        inputs = program_inputs(c, bucket)
        if inputs is not None and not inputs.get(INLINE_ROOT[bucket.type]).present:
            return []
    return reads


def check(c: StackCheck) -> None:
    buckets = c.of_type(*INLINE_PATHS)
    if not buckets:
        c.not_applicable("the stack has no S3 buckets")
    configured = list(c.setting(ALLOWED_ALGORITHMS))
    configs = c.of_type(S3_BUCKET_SSE, S3_BUCKET_SSE_V2)
    linked_configs = _by_bucket(c, configs)
    websites = _by_bucket(c, c.of_type(S3_BUCKET_WEBSITE, S3_BUCKET_WEBSITE_V2))
    unresolved = [sse for sse in configs if not _linked_buckets(c, sse)]
    for bucket in buckets:
        allowed = _allowed_for(c, bucket, configured, websites)
        linked = linked_configs.get(bucket.urn, [])
        if linked:
            for sse in linked:
                _judge(c, bucket, sse, sse.props.all(SSE_PATH), f"the encryption configuration '{sse.name}'", allowed)
            continue
        reads = _inline_reads(c, bucket)
        candidates = _candidates(unresolved, bucket)
        if not reads and candidates:
            for sse in candidates:
                c.unverifiable_for(sse, "bucket", f"it may be the encryption configuration of bucket '{bucket.name}'")
        elif not reads:
            c.violation(
                f"bucket '{bucket.name}' has no default encryption configuration: S3 would use SSE-S3 (AES256), "
                f"not {' or '.join(configured)}. Add an aws.s3.BucketServerSideEncryptionConfiguration whose bucket "
                "is this bucket's id, with sseAlgorithm aws:kms and a customer-managed kmsMasterKeyId.",
                bucket,
            )
        else:
            _judge(c, bucket, bucket, reads, f"bucket '{bucket.name}' (inline configuration)", allowed)


def _sse(name: str, algorithm: object, bucket: str | None = None, literal: str | None = None) -> StackResource:
    rule = {"applyServerSideEncryptionByDefault": {"sseAlgorithm": algorithm, "kmsMasterKeyId": unknown()}}
    return StackResource(S3_BUCKET_SSE, name, {"bucket": literal or unknown(), "rules": [rule]},
                         deps={"bucket": (bucket,)} if bucket else {})


_BUCKET = StackResource(S3_BUCKET, "exports-dev", {"bucket": "exports-dev-1a2b3c",
                                                   "serverSideEncryptionConfiguration": unknown("object")})

SPEC = StackPolicySpec(
    name="s3-bucket-encrypted",
    description="Every S3 bucket has default encryption with an allowed algorithm (KMS by default).",
    family=Family.ENCRYPTION,
    severity="medium",
    level="mandatory",
    resource_types=(S3_BUCKET, S3_BUCKET_V2, S3_BUCKET_SSE, S3_BUCKET_SSE_V2),
    rule=(
        "Every bucket has default encryption with an algorithm in allowedAlgorithms, from one of three places: "
        "inline on a Bucket (`serverSideEncryptionConfiguration.rule.applyServerSideEncryptionByDefault."
        "sseAlgorithm`), inline on a BucketV2 (`serverSideEncryptionConfigurations[].rules[]."
        "applyServerSideEncryptionByDefaults[].sseAlgorithm`), or an SSE configuration resource "
        "(`rules[].applyServerSideEncryptionByDefault.sseAlgorithm`) whose `bucket` property depends on that "
        "bucket (property dependencies) or names it literally. An SSE configuration resource, when there is "
        "one, decides over the inline configuration. Under the engine's AnalyzeStack, whose planned outputs "
        "show an inline configuration the program did not set as unknown, the Analyze inputs the pack saw for "
        "the bucket in this preview decide: a bucket whose program set no encryption anywhere fails at preview "
        "(S3 would apply SSE-S3). A bucket that serves a public website (a "
        "BucketWebsiteConfiguration(V2) linked the same way, or an inline `website` / `websites` block) may use "
        "AES256 when allowSseS3ForWebsites: anonymous requests cannot read SSE-KMS objects (Amazon S3 User "
        "Guide, \"Hosting a static website using Amazon S3\" / \"Setting permissions for website access\": "
        "objects encrypted with SSE-KMS cannot be served to anonymous website visitors)."
    ),
    unknown_handling=(
        "unverifiable (an unknown algorithm, an inline configuration that is unknown with no SSE configuration "
        "resource for the bucket, or an SSE configuration whose bucket cannot be resolved)"
    ),
    remediation=(
        "1. Create a customer-managed KMS key (aws.kms.Key, enable_key_rotation=True).\n"
        "2. Add aws.s3.BucketServerSideEncryptionConfiguration(bucket=bucket.id, rules=[{"
        "\"apply_server_side_encryption_by_default\": {\"sse_algorithm\": \"aws:kms\", \"kms_master_key_id\": "
        "key.arn}, \"bucket_key_enabled\": True}]).\n"
        "3. Pass bucket.id (not a copied string) so the link is visible to the policy."
    ),
    framework=Framework("AWS Config managed rule", "s3-default-encryption-kms"),
    refs=("CKV_AWS_145",),
    echoes=frozenset({"sseAlgorithm"}),
    settings=(ALLOWED_ALGORITHMS, ALLOW_SSE_S3_FOR_WEBSITES),
    check=check,
    examples=(
        StackExample(
            "Bucket with a KMS encryption configuration resource linked by its id",
            (_BUCKET, _sse("exports-sse-dev", "aws:kms", bucket="exports-dev")),
            "pass",
        ),
        StackExample(
            "BucketV2 with inline KMS encryption",
            (StackResource(S3_BUCKET_V2, "archive-dev", {"serverSideEncryptionConfigurations": [
                {"rules": [{"applyServerSideEncryptionByDefaults": [{"sseAlgorithm": "aws:kms"}]}]}]}),),
            "pass",
        ),
        StackExample(
            "Encryption configuration naming the bucket literally",
            (_BUCKET, _sse("exports-sse-dev", "aws:kms:dsse", literal="exports-dev-1a2b3c")),
            "pass",
        ),
        StackExample(
            "Bucket without any encryption configuration",
            (StackResource(S3_BUCKET, "exports-dev", {"bucket": "exports-dev-1a2b3c"}),),
            "fail",
            mentions=("exports-dev",),
            failing=("exports-dev",),
        ),
        StackExample(
            "SSE-S3 (AES256) is not in allowedAlgorithms",
            (_BUCKET, _sse("exports-sse-dev", "AES256", bucket="exports-dev")),
            "fail",
            mentions=("AES256", "exports-sse-dev"),
            failing=("exports-dev",),
        ),
        StackExample(
            "SSE-S3 allowed by config",
            (_BUCKET, _sse("exports-sse-dev", "AES256", bucket="exports-dev")),
            "pass",
            config={"allowedAlgorithms": ["AES256", "aws:kms"]},
        ),
        StackExample(
            "Public website bucket with SSE-S3 (anonymous reads of SSE-KMS objects fail)",
            (_BUCKET, _sse("exports-sse-dev", "AES256", bucket="exports-dev"),
             StackResource(S3_BUCKET_WEBSITE, "exports-site-dev", {"bucket": unknown(),
                                                                   "indexDocument": {"suffix": "index.html"}},
                           deps={"bucket": ("exports-dev",)})),
            "pass",
        ),
        StackExample(
            "Website bucket with SSE-S3 when allowSseS3ForWebsites is off",
            (_BUCKET, _sse("exports-sse-dev", "AES256", bucket="exports-dev"),
             StackResource(S3_BUCKET_WEBSITE, "exports-site-dev", {"bucket": unknown(),
                                                                   "indexDocument": {"suffix": "index.html"}},
                           deps={"bucket": ("exports-dev",)})),
            "fail",
            config={"allowSseS3ForWebsites": False},
            mentions=("AES256",),
            failing=("exports-dev",),
        ),
        StackExample(
            "Inline encryption unknown during preview and no configuration resource",
            (_BUCKET,),
            "unverifiable",
        ),
        StackExample(
            "Algorithm computed from another output",
            (_BUCKET, _sse("exports-sse-dev", unknown(), bucket="exports-dev")),
            "unverifiable",
        ),
        StackExample(
            "No buckets in the stack",
            (StackResource("aws:sns/topic:Topic", "alarms-dev", {"kmsMasterKeyId": unknown()}),),
            "not_applicable",
        ),
    ),
)
