"""container-image-pinned: container images are pinned to a tag other than latest, or a digest."""

from __future__ import annotations

import json

from ...context import ResourceCheck
from ...examples import Example, unknown
from ...props import Props, Read, State, contains_unknown_text
from ...settings import BoolSetting
from ...spec import Family, ResourcePolicySpec
from ...types import ECS_TASK_DEFINITION, LAMBDA_FUNCTION

REQUIRE_DIGEST = BoolSetting(
    "requireDigest",
    default=False,
    description="Require images pinned by digest (repository@sha256:...), not only by tag.",
)

def problem(image: str, require_digest: bool) -> str | None:
    """What is wrong with an image reference, or None when it is pinned."""
    if "@" in image:
        return None  # repository@sha256:... pins the exact image
    if require_digest:
        return "is not pinned to a digest (repository@sha256:...)"
    last = image.rsplit("/", 1)[-1]  # a registry host may carry a port: host:5000/repo:tag
    tag = last.split(":", 1)[1] if ":" in last else ""
    if not tag:
        return "has no tag, so it means latest"
    if tag.lower() == "latest":
        return "uses the latest tag"
    return None


def _check_image(r: ResourceCheck, read: Read, label: str, require_digest: bool) -> None:
    if read.has_unknown():
        r.unverifiable(label, "the image must carry a tag other than latest" + (" and a digest" if require_digest else ""))
        return
    image = read.str()
    if image is None:
        return
    if contains_unknown_text(image):
        r.unverifiable(label, "the image reference is built from a value unknown during preview")
        return
    issue = problem(image.strip(), require_digest)
    if issue:
        r.violation(
            f"{label} {issue}: a redeploy could silently run a different image. Pin a version tag"
            + (" and digest" if require_digest else " (or a digest)") + "."
        )


def check(r: ResourceCheck) -> None:
    require_digest = r.setting(REQUIRE_DIGEST)
    if r.type == LAMBDA_FUNCTION:
        image = r.props.get("imageUri")
        if not image.present:
            r.not_applicable("the function is not deployed from a container image (imageUri)")
        _check_image(r, image, "imageUri", require_digest)
        return

    definitions = r.props.json("containerDefinitions")
    if definitions.unknown:  # unknowns inside a structured list are decided per container below
        r.unverifiable("containerDefinitions", "every container's image must be pinned")
        return
    unreadable = definitions.state is State.MALFORMED or (definitions.state is State.VALUE
                                                          and definitions.list() is None)
    if unreadable:  # bad, too-deep or non-list JSON is never "no containers"
        r.violation("containerDefinitions cannot be read (malformed, or nested too deeply to inspect), so its "
                    "images cannot be checked. Give it a JSON list of container definitions.")
        return
    containers = definitions.list()
    if containers is None:
        return  # absent
    for index, container in enumerate(containers):
        if isinstance(container, dict) and "image" in container:
            _check_image(r, Props(container).get("image"), f"containerDefinitions[{index}].image", require_digest)


SPEC = ResourcePolicySpec(
    name="container-image-pinned",
    description="Container images are pinned to a version tag other than latest, or to a digest.",
    family=Family.OPERATIONS,
    severity="low",
    level="advisory",
    resource_types=(ECS_TASK_DEFINITION, LAMBDA_FUNCTION),
    rule=(
        "Container images (ECS TaskDefinition `containerDefinitions[].image`, Lambda Function `imageUri`) carry "
        "a tag other than `latest` (an image without a tag means latest), or a digest when requireDigest. "
        "Lambda functions deployed from a zip: not applicable."
    ),
    unknown_handling="unverifiable (an image reference built from another resource's output, such as an ECR URL)",
    remediation=(
        "1. Reference images by version: f\"{repo.repository_url}:1.4.2\", never :latest or no tag.\n"
        "2. With requireDigest, pin the digest: aws.ecr.get_image(...).image_digest, then "
        "f\"{repo.repository_url}@{digest}\".\n"
        "3. Make ECR repositories immutable (image_tag_mutability=\"IMMUTABLE\") so tags cannot move."
    ),
    refs=("seed 004",),
    settings=(REQUIRE_DIGEST,),
    check=check,
    examples=(
        Example(
            "Task definition with a version tag",
            {"family": "dms-worker-dev", "containerDefinitions": json.dumps(
                [{"name": "worker", "image": "public.ecr.aws/docker/library/python:3.12.7-slim"}])},
            "pass",
        ),
        Example(
            "Definitions nested too deeply to read are not taken as no containers",
            {"containerDefinitions": '[{"name": "w", "image": "nginx", "x": ' + "[" * 150 + "]" * 150 + "}]"},
            "fail",
            mentions=("containerDefinitions cannot be read",),
        ),
        Example(
            "Image without a tag means latest",
            {"family": "dms-worker-dev", "containerDefinitions": json.dumps([{"name": "worker", "image": "nginx"}])},
            "fail",
            mentions=("containerDefinitions[0].image",),
        ),
        Example(
            "Registry with a port and the latest tag",
            {"containerDefinitions": json.dumps([{"name": "w", "image": "registry.local:5000/team/worker:latest"}])},
            "fail",
            mentions=("latest",),
        ),
        Example(
            "Tag without digest when a digest is required",
            {"containerDefinitions": json.dumps([{"name": "w", "image": "nginx:1.27"}])},
            "fail",
            config={"requireDigest": True},
            mentions=("digest",),
        ),
        Example(
            "Lambda image pinned by digest",
            {"packageType": "Image", "imageUri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/fn@sha256:" + "a" * 64},
            "pass",
            type=LAMBDA_FUNCTION,
        ),
        Example(
            "Lambda image URI built from an ECR repository output",
            {"packageType": "Image", "imageUri": unknown()},
            "unverifiable",
            type=LAMBDA_FUNCTION,
        ),
        Example(
            "Container definitions built during preview",
            {"containerDefinitions": unknown()},
            "unverifiable",
        ),
        Example(
            "Lambda from a zip archive",
            {"runtime": "python3.12", "handler": "index.handler"},
            "not_applicable",
            type=LAMBDA_FUNCTION,
        ),
    ),
)
