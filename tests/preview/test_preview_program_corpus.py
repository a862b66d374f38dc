"""The corpus: programs written the way teams write them, each previewed with no runner error.

Every program under tests/preview/programs/corpus runs once per session (two at a time, all with the
worktree's own interpreter: no test creates a virtualenv), then each cause of issue 9 is checked on the
program that exercises it.
"""

from __future__ import annotations

import json
import os
import stat
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from preview_support import PROGRAMS

from migration_guard.preview.model import (
    SECRET_SIG,
    SPECIAL_SIG_KEY,
    UNKNOWN_STRING,
    PreviewError,
    ProgramRun,
    Resource,
)
from migration_guard.preview.program import ProgramOptions, run_program
from migration_guard.preview.project import load_project, load_stack_config

CORPUS = PROGRAMS / "corpus"
EXPECTED_ERRORS = {"awsx_vpc", "remote_component", "uv_project"}  # uv_project runs below with uv on PATH


@dataclass
class Outcome:
    run: ProgramRun | None
    error: str | None
    notes: list[str] = field(default_factory=list)

    def resources(self) -> dict[str, Resource]:
        """By logical name (custom resources win over components of the same name)."""
        assert self.run is not None, self.error
        return {r.name: r for r in sorted(self.run.resources, key=lambda r: r.custom)}

    def of(self, type_: str, name: str) -> Resource:
        assert self.run is not None, self.error
        return next(r for r in self.run.resources if r.type == type_ and r.name == name)


def preview_program(directory: Path, **options: Any) -> Outcome:
    notes: list[str] = []
    try:
        project = load_project(directory)
        config = load_stack_config(project, "dev", [])
        run = run_program(project, "dev", config, options=ProgramOptions(progress=notes.append, **options))
    except PreviewError as exc:
        return Outcome(None, str(exc), notes)
    return Outcome(run, None, notes)


def corpus_names() -> list[str]:
    return sorted(p.name for p in CORPUS.iterdir() if p.is_dir() and not p.name.startswith("_"))


@pytest.fixture(scope="session")
def corpus() -> dict[str, Outcome]:
    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = pool.map(lambda name: (name, preview_program(CORPUS / name)), corpus_names())
        return dict(outcomes)


def test_the_corpus_has_thirty_programs_and_each_previews(corpus: dict[str, Outcome]) -> None:
    assert len(corpus) >= 30
    failed = {name: o.error for name, o in corpus.items() if o.error and name not in EXPECTED_ERRORS}
    assert failed == {}
    for name, outcome in corpus.items():
        assert name == "uv_project" or any(n.startswith("note: running the program with ") for n in outcome.notes), name


# -- 1. resource references ------------------------------------------------------------------------

def test_resource_objects_as_inputs_reach_the_analyzer_as_their_unknown_id(corpus: dict[str, Outcome]) -> None:
    # A new resource's id is unknown during preview; a reference to it is sent as that id
    # (sdk/go/common/resource/plugin/rpc.go MarshalPropertyValue without KeepResources).
    role = corpus["ref_role_attachment"].resources()
    assert role["app-ssm"].inputs["role"] == UNKNOWN_STRING
    assert role["app-profile"].inputs["role"] == UNKNOWN_STRING
    assert role["app-ssm"].property_dependencies["role"] == [role["app-role"].urn]
    subnets = corpus["ref_vpc_subnets"].resources()
    assert subnets["private-0"].inputs["vpcId"] == UNKNOWN_STRING
    db = corpus["ref_db_subnet_group"].resources()
    assert db["orders"].inputs["dbSubnetGroupName"] == UNKNOWN_STRING


def test_get_resource_is_answered_as_the_engine_builtin_does(corpus: dict[str, Outcome]) -> None:
    # kms.Alias(target_key_id=key) and exporting a resource make the SDK rehydrate references with the
    # builtin invoke pulumi:pulumi:getResource (pkg/resource/deploy/builtins.go getResource;
    # sdk/python/lib/pulumi/runtime/mocks.py MockMonitor.Invoke answers it the same way).
    outcome = corpus["existing_resource_get"]
    key = outcome.of("aws:kms/key:Key", "assets")
    assert outcome.of("aws:kms/alias:Alias", "assets").inputs["targetKeyId"] == UNKNOWN_STRING
    stack = next(r for r in outcome.resources().values() if r.type == "pulumi:pulumi:Stack")
    exported = stack.outputs["key"]
    assert exported["urn"] == key.urn
    assert exported["enable_key_rotation"] is True
    assert exported["arn"] == UNKNOWN_STRING  # computed by the provider: unknown in preview


# -- 2. JSON documents given as objects -------------------------------------------------------------

def test_policy_documents_given_as_objects_become_json_text(corpus: dict[str, Outcome]) -> None:
    role = corpus["policy_dict_role"].resources()
    document = role["lambda-role"].inputs["assumeRolePolicy"]
    assert isinstance(document, str)
    assert json.loads(document)["Statement"][0]["Principal"] == {"Service": "lambda.amazonaws.com"}
    # Go's json.Marshal: sorted keys, no spaces (pulumi-terraform-bridge TransformJSONDocument).
    assert document.startswith('{"Statement":[{"Action":"sts:AssumeRole"')
    assert json.loads(role["lambda-logs"].inputs["policy"])["Statement"][0]["Resource"] == "*"


def test_a_document_holding_unknowns_becomes_an_unknown_string(corpus: dict[str, Outcome]) -> None:
    policies = corpus["policy_dict_bucket_policy"].resources()
    assert policies["site-tls-only"].inputs["policy"] == UNKNOWN_STRING
    assert json.loads(policies["static-policy"].inputs["policy"])["Statement"][0]["Effect"] == "Deny"
    queues = corpus["redrive_dict_queue"].resources()
    assert queues["orders"].inputs["redrivePolicy"] == UNKNOWN_STRING
    assert json.loads(queues["audit"].inputs["redrivePolicy"]) == {
        "deadLetterTargetArn": "arn:aws:sqs:us-west-2:123456789012:audit-dlq", "maxReceiveCount": 3,
    }


# -- 3. data sources ---------------------------------------------------------------------------------

def test_default_vpc_lookups_get_typed_assumed_answers_listed_in_the_run(corpus: dict[str, Outcome]) -> None:
    outcome = corpus["default_vpc_lookup"]
    resources = outcome.resources()
    assert resources["web"].inputs["vpcId"].startswith("vpc-")
    assert resources["web"].inputs["ingress"][0]["cidrBlocks"] == ["172.31.0.0/16"]
    subnets = resources["web-lb"]
    assert len(subnets.inputs["subnets"]) == 3 and all(s.startswith("subnet-") for s in subnets.inputs["subnets"])
    assert outcome.run is not None
    assert outcome.run.assumptions == [
        "__main__.py:4: aws:ec2/getVpc:getVpc in us-west-2: assumed answer",
        "__main__.py:5: aws:ec2/getSubnets:getSubnets in us-west-2: assumed answer",
        "__main__.py:6: aws:ec2/getSecurityGroup:getSecurityGroup in us-west-2: assumed answer",
    ]


def test_ami_answers_carry_block_device_mappings_and_the_filtered_architecture(corpus: dict[str, Outcome]) -> None:
    worker = corpus["ami_block_devices"].resources()["worker"]
    assert worker.inputs["instanceType"] == "t4g.small"
    assert worker.inputs["rootBlockDevice"]["volumeSize"] == 16
    assert worker.inputs["ami"].startswith("ami-")


def test_explicit_providers_region_is_honoured_by_invokes(corpus: dict[str, Outcome]) -> None:
    outcome = corpus["explicit_provider_regions"]
    resources = outcome.resources()
    assert resources["eu-0"].inputs["availabilityZone"] == "eu-central-1a"
    stack = next(r for r in resources.values() if r.type == "pulumi:pulumi:Stack")
    assert stack.outputs["certificate"].startswith("arn:aws:acm:us-east-1:")


@pytest.mark.parametrize("program", ["zone_and_certificate", "kms_lookups", "rds_engine_version", "ssm_parameter",
                                     "iam_lookups", "random_password_secret", "canonical_user_acl", "subnet_lookup_output"])
def test_common_data_sources_are_answered(corpus: dict[str, Outcome], program: str) -> None:
    outcome = corpus[program]
    assert outcome.error is None
    assert outcome.run is not None and outcome.run.assumptions


def test_assumed_answers_are_typed_from_the_sdk(corpus: dict[str, Outcome]) -> None:
    outcome = corpus["rds_engine_version"]
    assert outcome.of("aws:rds/instance:Instance", "pg").inputs["engineVersion"] == "16.4"
    assert outcome.of("aws:rds/parameterGroup:ParameterGroup", "pg").inputs["family"] == "postgres16"
    secret_version = corpus["random_password_secret"].of("aws:secretsmanager/secretVersion:SecretVersion", "db-master")
    assert secret_version.inputs["secretString"][SPECIAL_SIG_KEY] == SECRET_SIG
    assert len(secret_version.inputs["secretString"]["value"]) == 40


def test_strict_invokes_stops_at_every_assumed_answer_at_once() -> None:
    outcome = preview_program(CORPUS / "default_vpc_lookup", strict_invokes=True)
    assert outcome.error is not None
    assert outcome.error.startswith("3 invokes cannot be answered in an offline preview:\n")
    assert "  __main__.py:6: aws:ec2/getSecurityGroup:getSecurityGroup" in outcome.error


def test_supplied_results_override_assumed_answers(tmp_path: Path) -> None:
    supplied = {"aws:ec2/getVpc:getVpc": {"id": "vpc-0real", "cidrBlock": "10.99.0.0/16", "default": True}}
    outcome = preview_program(CORPUS / "default_vpc_lookup", invoke_results=supplied)
    web = outcome.resources()["web"]
    assert web.inputs["vpcId"] == "vpc-0real"
    assert web.inputs["ingress"][0]["cidrBlocks"] == ["10.99.0.0/16"]


def test_allow_unknown_invokes_gives_typed_placeholders_never_not_set() -> None:
    outcome = preview_program(PROGRAMS / "unanswered_invoke", allow_unknown_invokes=True)
    group = outcome.resources()["db-dev"]
    # The plain invokes could not be unknown: their fields are typed placeholders, never absent.
    assert group.inputs["description"].startswith("arn:aws:preview:us-west-2:")
    assert "preview-serviceName-" in group.inputs["description"]


# -- 4. project environments ---------------------------------------------------------------------------

def _stub_uv(bin_dir: Path, log: Path) -> None:
    """A stand-in `uv` that records its call and makes UV_PROJECT_ENVIRONMENT the worktree's venv."""
    script = bin_dir / "uv"
    script.write_text(
        f"#!{sys.executable}\n"
        "import os, sys\n"
        f"open({str(log)!r}, 'a').write(' '.join(sys.argv[1:]) + ' ' + os.environ['UV_PROJECT_ENVIRONMENT'] + '\\n')\n"
        "target = os.environ['UV_PROJECT_ENVIRONMENT']\n"
        f"os.path.exists(target) or os.symlink({sys.prefix!r}, target)\n"
    )
    script.chmod(script.stat().st_mode | stat.S_IEXEC)


@pytest.fixture()
def uv_on_path(tmp_path: Path) -> Iterator[Path]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "uv.log"
    _stub_uv(bin_dir, log)
    previous = os.environ["PATH"]
    os.environ["PATH"] = f"{bin_dir}{os.pathsep}{previous}"
    try:
        yield log
    finally:
        os.environ["PATH"] = previous


def test_a_uv_project_is_synced_with_uv_and_run_in_its_venv(tmp_path: Path, uv_on_path: Path) -> None:
    import shutil

    project = tmp_path / "uv_project"
    shutil.copytree(CORPUS / "uv_project", project)
    outcome = preview_program(project)
    assert outcome.error is None, outcome.error
    assert uv_on_path.read_text() == f"sync {project / '.venv'}\n"
    assert f"note: running the program with {project / '.venv' / 'bin' / 'python'} (the uv project's virtualenv)" in outcome.notes


def test_a_uv_project_without_uv_says_what_to_do(corpus: dict[str, Outcome]) -> None:
    error = corpus["uv_project"].error
    assert error is not None and "uv is not installed" in error and "uv sync" in error


# -- 5. engine features -----------------------------------------------------------------------------------

def test_resource_transforms_run_on_children_and_stack_transforms_on_everything(corpus: dict[str, Outcome]) -> None:
    resources = corpus["transforms_option"].resources()
    assert resources["billing-jobs"].inputs["tags"] == {"Owner": "payments", "CostCenter": "cc-42"}
    assert resources["billing-assets"].inputs["tags"]["CostCenter"] == "cc-42"
    assert "tags" not in resources["untouched"].inputs
    ledger = corpus["stack_transform"].resources()["ledger"]
    assert ledger.inputs["deletionProtection"] is True
    assert ledger.inputs["backupRetentionPeriod"] == 14
    assert ledger.options["protect"] is True


def test_invoke_transforms_change_the_invoke_before_it_is_answered(corpus: dict[str, Outcome]) -> None:
    resources = corpus["invoke_transform"].resources()
    zones = sorted(r.inputs["availabilityZone"] for r in resources.values() if r.type == "aws:ec2/subnet:Subnet")
    assert zones == ["us-west-2a", "us-west-2b"]


def test_provider_methods_are_answered(corpus: dict[str, Outcome]) -> None:
    resources = corpus["provider_terraform_config"].resources()
    stack = next(r for r in resources.values() if r.type == "pulumi:pulumi:Stack")
    assert stack.outputs["providerRegion"] == "eu-west-1"


def test_aliases_reach_analyzers_as_the_engine_sends_them(corpus: dict[str, Outcome]) -> None:
    # The engine sends an alias only when it matched a resource of the previous deployment
    # (pkg/resource/deploy/step_generator.go generateSteps: aliasUrns from getOldResource); an offline
    # preview has none. The aliases' URNs are kept (collapseAliasToUrn) for a preview with state.
    resources = corpus["aliases_renamed"].resources()
    events = resources["events"]
    assert events.options["aliases"] == []
    assert events.options["aliasUrns"] == [
        "urn:pulumi:dev::aliases-renamed::aws:sqs/queue:Queue::ancient",
        "urn:pulumi:dev::aliases-renamed::aws:sqs/queue:Queue::legacy-events",
    ]
    assert resources["reports-data"].options["aliasUrns"] == ["urn:pulumi:dev::aliases-renamed::aws:s3/bucketV2:BucketV2::data"]
    assert resources["reports"].options["aliasUrns"] == ["urn:pulumi:dev::aliases-renamed::acme:storage:Storage::old-reports"]


def test_nested_and_typed_secure_config(corpus: dict[str, Outcome]) -> None:
    outcome = corpus["secrets_typed_nested"]
    resources = outcome.resources()
    cluster = resources["app"]
    assert cluster.inputs["masterUsername"][SPECIAL_SIG_KEY] == SECRET_SIG
    assert cluster.inputs["masterUsername"]["value"] == "app"
    # Not decryptable offline without the passphrase: the engine's unknown string, kept secret.
    assert cluster.inputs["masterPassword"] == {SPECIAL_SIG_KEY: SECRET_SIG, "value": UNKNOWN_STRING}
    assert cluster.inputs["port"] == {SPECIAL_SIG_KEY: SECRET_SIG, "value": 1}
    assert outcome.run is not None
    assert "secrets-typed-nested:database" in outcome.run.secret_keys


def test_stack_config_dir_holds_the_stack_file(corpus: dict[str, Outcome]) -> None:
    outcome = corpus["stack_config_dir"]
    assert outcome.resources()["app"].inputs["retentionInDays"] == 30
    assert outcome.run is not None and outcome.run.config["aws:region"] == "ca-central-1"


def test_a_missing_region_comes_from_the_environment_or_is_the_providers_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "Pulumi.yaml").write_text("name: no-region\nruntime: python\n")
    (tmp_path / "__main__.py").write_text("import pulumi_aws as aws\naws.sns.Topic('t')\n")
    monkeypatch.delenv("AWS_REGION", raising=False)
    monkeypatch.delenv("AWS_DEFAULT_REGION", raising=False)
    missing = preview_program(tmp_path)
    assert missing.error is not None and "has no Region" in missing.error and "AWS_REGION" in missing.error
    monkeypatch.setenv("AWS_DEFAULT_REGION", "ap-southeast-2")
    assert preview_program(tmp_path).error is None


# -- 6. multi-language components -------------------------------------------------------------------------

def test_multi_language_components_stop_naming_the_component(corpus: dict[str, Outcome]) -> None:
    awsx = corpus["awsx_vpc"].error
    assert awsx is not None
    assert "multi-language components" in awsx
    assert "__main__.py:4: awsx:ec2:Vpc 'main'" in awsx
    assert "pulumi preview --policy-pack" in awsx
    eks = corpus["remote_component"].error
    assert eks is not None and "eks:index:Cluster 'platform'" in eks


# -- 7. source positions --------------------------------------------------------------------------------

def test_resources_built_in_libraries_point_at_the_users_line(corpus: dict[str, Outcome]) -> None:
    resources = corpus["library_outside_project"].resources()
    assert str(resources["payments"].source) == "__main__.py:8"
    assert str(resources["payments-dlq"].source) == "__main__.py:8"
    assert str(resources["refunds"].source) == "__main__.py:9"
    assert corpus["components_in_modules"].run is not None
    modules = {(r.type, r.name): r for r in corpus["components_in_modules"].run.resources}
    assert str(modules[("aws:s3/bucketV2:BucketV2", "audit-logs")].source) == "infra/storage.py:9"
    assert str(modules[("acme:storage:SecureBucket", "audit-logs")].source) == "__main__.py:6"
