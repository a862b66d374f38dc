"""s3-bucket-encrypted: resolving SSE configurations to buckets through dependencies and literal names."""

from __future__ import annotations

from migration_guard.testing.inprocess import analyze_stack, urn_of
from migration_guard_policies.examples import StackResource, unknown
from migration_guard_policies.policies.encryption.s3_bucket_encrypted import SPEC
from migration_guard_policies.types import (
    S3_BUCKET,
    S3_BUCKET_SSE,
    S3_BUCKET_SSE_V2,
    S3_BUCKET_V2,
    S3_BUCKET_WEBSITE,
)


def bucket(name: str, **props: object) -> StackResource:
    # During preview the inline configuration of a Bucket is a computed output: unknown unless set.
    props.setdefault("serverSideEncryptionConfiguration", unknown("object"))
    props.setdefault("bucket", f"{name}-1a2b3c")
    return StackResource(S3_BUCKET, name, dict(props))


def sse(name: str, algorithm: object, *, on: str | None = None, literal: str | None = None,
        type_: str = S3_BUCKET_SSE) -> StackResource:
    rule = {"applyServerSideEncryptionByDefault": {"sseAlgorithm": algorithm}}
    return StackResource(type_, name, {"bucket": literal if literal is not None else unknown(), "rules": [rule]},
                         deps={"bucket": (on,)} if on else {})


def test_only_the_unencrypted_bucket_is_reported() -> None:
    resources = [bucket("good-dev"), sse("good-sse-dev", "aws:kms", on="good-dev"),
                 StackResource(S3_BUCKET, "bad-dev", {"bucket": "bad-dev-1"})]
    result = analyze_stack(SPEC, resources)
    assert [d.urn for d in result.violations] == [urn_of("bad-dev", resources)]
    assert not result.unverifiable


def test_v2_configuration_resource_and_bucket_v2() -> None:
    resources = [StackResource(S3_BUCKET_V2, "logs-dev", {"bucket": "logs-dev-1"}),
                 sse("logs-sse-dev", "aws:kms", on="logs-dev", type_=S3_BUCKET_SSE_V2)]
    assert analyze_stack(SPEC, resources).passed


def test_bucket_v2_inline_aes256_fails_and_names_the_algorithm() -> None:
    inline = [{"rules": [{"applyServerSideEncryptionByDefaults": [{"sseAlgorithm": "AES256"}]}]}]
    resources = [StackResource(S3_BUCKET_V2, "logs-dev", {"serverSideEncryptionConfigurations": inline})]
    result = analyze_stack(SPEC, resources)
    assert len(result.violations) == 1 and "AES256" in result.violations[0].message


def test_inline_bucket_configuration_object() -> None:
    inline = {"rule": {"applyServerSideEncryptionByDefault": {"sseAlgorithm": "aws:kms", "kmsMasterKeyId": unknown()}}}
    assert analyze_stack(SPEC, [bucket("data-dev", serverSideEncryptionConfiguration=inline)]).passed


def test_configuration_resource_decides_over_unknown_inline_configuration() -> None:
    resources = [bucket("data-dev"), sse("data-sse-dev", "AES256", on="data-dev")]
    result = analyze_stack(SPEC, resources)
    assert result.violations and not result.unverifiable


def test_configuration_for_a_bucket_outside_the_stack_is_ignored() -> None:
    resources = [bucket("data-dev"), sse("data-sse-dev", "aws:kms", on="data-dev"),
                 sse("external-sse-dev", "AES256", literal="someone-elses-bucket")]
    assert analyze_stack(SPEC, resources).passed


def test_literal_name_mismatch_does_not_link() -> None:
    resources = [StackResource(S3_BUCKET, "data-dev", {"bucket": "data-dev-1"}),
                 sse("data-sse-dev", "aws:kms", literal="data-dev-2")]
    assert analyze_stack(SPEC, resources).violations


def test_configuration_with_unresolvable_bucket_makes_an_unconfigured_bucket_unverifiable() -> None:
    resources = [StackResource(S3_BUCKET, "data-dev", {"bucket": "data-dev-1"}), sse("data-sse-dev", "aws:kms")]
    result = analyze_stack(SPEC, resources)
    assert result.unverifiable and not result.violations
    assert "data-sse-dev.bucket" in result.unverifiable[0].message


def test_rule_without_algorithm_is_a_violation() -> None:
    resources = [bucket("data-dev"),
                 StackResource(S3_BUCKET_SSE, "data-sse-dev", {"bucket": unknown(), "rules": [{"bucketKeyEnabled": True}]},
                               deps={"bucket": ("data-dev",)})]
    result = analyze_stack(SPEC, resources)
    assert result.violations and "sseAlgorithm" in result.violations[0].message


def test_exempted_bucket_is_not_reported() -> None:
    resources = [StackResource(S3_BUCKET, "legacy-dev", {"bucket": "legacy-dev-1"})]
    config = {"exemptions": [{"resource": "legacy-*", "reason": "migrated next quarter"}]}
    assert analyze_stack(SPEC, resources, config=config).passed


def test_violation_is_mandatory_and_unknown_is_advisory() -> None:
    failing = analyze_stack(SPEC, [StackResource(S3_BUCKET, "a-dev", {})], enforcement_level="mandatory")
    assert failing.violations[0].enforcement_level == "mandatory"
    unknown_result = analyze_stack(SPEC, [bucket("b-dev")], enforcement_level="mandatory")
    assert unknown_result.unverifiable[0].enforcement_level == "advisory"


def test_literal_configuration_for_another_bucket_does_not_make_an_unnamed_bucket_unverifiable() -> None:
    resources = [StackResource(S3_BUCKET, "named-dev", {"bucket": "named-dev-1"}),
                 sse("named-sse-dev", "aws:kms", literal="named-dev-1"),
                 StackResource(S3_BUCKET, "unnamed-dev", {"bucket": unknown()})]
    result = analyze_stack(SPEC, resources)
    assert [d.urn for d in result.violations] == [urn_of("unnamed-dev", resources)]
    assert not result.unverifiable


def test_literal_configuration_may_belong_to_a_bucket_with_unknown_name() -> None:
    resources = [StackResource(S3_BUCKET, "unnamed-dev", {"bucket": unknown()}),
                 sse("some-sse-dev", "aws:kms", literal="somewhere-1")]
    result = analyze_stack(SPEC, resources)
    assert result.unverifiable and not result.violations


def test_malformed_rules_count_as_no_algorithm() -> None:
    resources = [bucket("data-dev"),
                 StackResource(S3_BUCKET_SSE, "data-sse-dev", {"bucket": unknown(), "rules": "oops"},
                               deps={"bucket": ("data-dev",)})]
    result = analyze_stack(SPEC, resources)
    assert result.violations and "sets no default encryption algorithm" in result.violations[0].message


def test_unrecognised_algorithm_is_not_quoted() -> None:
    resources = [bucket("data-dev"), sse("data-sse-dev", "zq-custom-alg", on="data-dev")]
    result = analyze_stack(SPEC, resources)
    assert result.violations and "zq-custom-alg" not in result.all_text()


def website(name: str, on: str | None = None, literal: str | None = None) -> StackResource:
    return StackResource(S3_BUCKET_WEBSITE, name, {"bucket": literal if literal is not None else unknown(),
                                                   "indexDocument": {"suffix": "index.html"}},
                         deps={"bucket": (on,)} if on else {})


def test_aes256_allowed_only_on_the_website_bucket() -> None:
    resources = [bucket("site-dev"), sse("site-sse-dev", "AES256", on="site-dev"), website("site-web-dev", on="site-dev"),
                 bucket("data-dev"), sse("data-sse-dev", "AES256", on="data-dev")]
    result = analyze_stack(SPEC, resources)
    assert [d.urn for d in result.violations] == [urn_of("data-dev", resources)]


def test_website_linked_by_literal_name_and_inline_website_blocks() -> None:
    resources = [bucket("site-dev"), sse("site-sse-dev", "AES256", on="site-dev"),
                 website("site-web-dev", literal="site-dev-1a2b3c")]
    assert analyze_stack(SPEC, resources).passed
    inline = {"rule": {"applyServerSideEncryptionByDefault": {"sseAlgorithm": "AES256"}}}
    v1 = bucket("old-site-dev", serverSideEncryptionConfiguration=inline, website={"indexDocument": "index.html"})
    assert analyze_stack(SPEC, [v1]).passed
    v2_inline = [{"rules": [{"applyServerSideEncryptionByDefaults": [{"sseAlgorithm": "AES256"}]}]}]
    v2 = StackResource(S3_BUCKET_V2, "v2-site-dev", {"serverSideEncryptionConfigurations": v2_inline,
                                                      "websites": [{"indexDocument": "index.html"}]})
    assert analyze_stack(SPEC, [v2]).passed


def test_unknown_inline_website_is_not_a_website() -> None:
    inline = {"rule": {"applyServerSideEncryptionByDefault": {"sseAlgorithm": "AES256"}}}
    resources = [bucket("data-dev", serverSideEncryptionConfiguration=inline, website=unknown("object"))]
    assert analyze_stack(SPEC, resources).violations


def test_website_bucket_without_any_encryption_still_fails() -> None:
    resources = [StackResource(S3_BUCKET, "site-dev", {"bucket": "site-dev-1"}), website("w-dev", on="site-dev")]
    assert analyze_stack(SPEC, resources).violations
