"""The data files generated from the installed pulumi-aws SDK are up to date and say where they come from."""

from __future__ import annotations

import json
from importlib import metadata
from pathlib import Path

import pytest

from migration_guard import generate

DATA = generate.DATA_DIR


@pytest.fixture(scope="module")
def resources() -> list[generate.Resource]:
    return generate.scan()


@pytest.mark.parametrize("name", sorted(generate.GENERATORS))
def test_data_file_is_up_to_date(name: str, resources: list[generate.Resource]) -> None:
    current = json.loads((DATA / generate.TARGETS[name]).read_text(encoding="utf-8"))
    fresh = generate.GENERATORS[name](resources)
    assert generate.comparable(current) == generate.comparable(fresh), (
        f"run: python -m migration_guard.generate {name}"
    )
    assert current["pulumiAwsVersion"] == metadata.version("pulumi_aws")
    assert current["generated"]  # the provenance date


def test_check_mode_passes_and_detects_stale_files(tmp_path: Path) -> None:
    assert generate.main(["all", "--check"]) == 0
    assert generate.main(["taggable", "--output-dir", str(tmp_path)]) == 0
    path = tmp_path / "taggable_types.json"
    data = json.loads(path.read_text())
    data["types"].pop("aws:rds/instance:Instance")
    path.write_text(json.dumps(data))
    assert generate.main(["taggable", "--check", "--output-dir", str(tmp_path)]) == 1


def test_scan_reads_tokens_inputs_and_deprecations(resources: list[generate.Resource]) -> None:
    by_token = {r.token: r for r in resources}
    assert len(by_token) > 1000
    bucket_v2 = by_token["aws:s3/bucketV2:BucketV2"]
    assert bucket_v2.deprecated and "s3.Bucket" in bucket_v2.deprecated
    assert "storageEncrypted" in by_token["aws:rds/instance:Instance"].inputs  # engine (camelCase) names
    assert "serverSideEncryptionConfiguration" in by_token["aws:s3/bucket:Bucket"].deprecated_inputs


def test_deprecations_name_replacement_tokens(resources: list[generate.Resource]) -> None:
    data = generate.deprecations(resources)
    assert data["types"]["aws:s3/bucketV2:BucketV2"]["replacement"] == "aws:s3/bucket:Bucket"
    tokens = {r.token for r in resources}
    for entry in data["types"].values():
        assert entry["replacement"] in tokens  # every deprecated type's replacement resolves
    bucket_inputs = data["inputs"]["aws:s3/bucket:Bucket"]
    assert bucket_inputs["acl"]["replacement"] == "aws:s3/bucketAcl:BucketAcl"


def test_taggable_types_and_shapes(resources: list[generate.Resource]) -> None:
    types = generate.taggable(resources)["types"]
    assert types["aws:rds/instance:Instance"] == "map"
    assert types["aws:autoscaling/group:Group"] == "list"
    assert "aws:ec2/routeTableAssociation:RouteTableAssociation" not in types
    assert "aws:iam/rolePolicyAttachment:RolePolicyAttachment" not in types


V5_MODULE = '''
@pulumi.input_type
class WidgetArgs:
    def __init__(__self__, *,
                 size: Optional[pulumi.Input[str]] = None):
        pass

    @property
    @pulumi.getter(name="oldSize")
    def old_size(self) -> Optional[pulumi.Input[str]]:
        """
        The size.
        """
        warnings.warn("""Use the aws_widget_size resource instead""", DeprecationWarning)
        pulumi.log.warn("""old_size is deprecated: Use the aws_widget_size resource instead""")

        return pulumi.get(self, "old_size")

    @property
    @pulumi.getter
    def size(self) -> Optional[pulumi.Input[str]]:
        return pulumi.get(self, "size")


class Widget(pulumi.CustomResource):
    warnings.warn("""shop.Widget has been deprecated in favor of shop.Gadget""", DeprecationWarning)

    def _internal_init(__self__, resource_name, opts=None):
        super(Widget, __self__).__init__(
            'aws:shop/widget:Widget',
            resource_name,
            __props__,
            opts)
'''


def test_scan_reads_the_pulumi_aws_5_source_form(tmp_path: Path) -> None:
    """pulumi-aws 5 has no type_token decorator and deprecates inputs inside their getters."""
    (tmp_path / "shop").mkdir()
    (tmp_path / "shop" / "widget.py").write_text(V5_MODULE, encoding="utf-8")
    (widget,) = generate.scan(tmp_path)
    assert widget.token == "aws:shop/widget:Widget"
    assert widget.deprecated and "shop.Gadget" in widget.deprecated
    assert widget.deprecated_inputs == {"oldSize": "Use the aws_widget_size resource instead"}
    assert set(widget.inputs) == {"oldSize", "size"}


def test_other_majors_are_kept_when_regenerating_from_the_installed_sdk(resources: list[generate.Resource]) -> None:
    recorded = generate.recorded_other_majors()
    assert {"5", "6"} <= set(recorded)
    data = generate.deprecations(resources)
    assert data["otherMajors"] == recorded and data["major"] == generate.major_of(metadata.version("pulumi_aws"))
    assert "aws:s3/bucketV2:BucketV2" not in recorded["6"]["types"]
