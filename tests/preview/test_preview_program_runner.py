"""The program runner's error paths, its SDK internals, provider Check, redaction and environments."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from migration_guard.preview import data_sources, environment, invokes, provider_check, sdk_schema
from migration_guard.preview.model import SECRET_SIG, SPECIAL_SIG_KEY, UNKNOWN_STRING, PreviewError
from migration_guard.preview.program import ProgramOptions, run_program
from migration_guard.preview.project import load_project, load_stack_config
from migration_guard.preview.redaction import redact_text


def _project(tmp_path: Path, program: str, stack: str = "config:\n  aws:region: us-west-2\n") -> Path:
    (tmp_path / "Pulumi.yaml").write_text("name: runner-test\nruntime: python\n")
    (tmp_path / "Pulumi.dev.yaml").write_text(stack)
    (tmp_path / "__main__.py").write_text(program)
    return tmp_path


def _preview(directory: Path, **options: object) -> str | None:
    project = load_project(directory)
    config = load_stack_config(project, "dev", [])
    try:
        run_program(project, "dev", config, options=ProgramOptions(progress=lambda message: None, **options))  # type: ignore[arg-type]
    except PreviewError as exc:
        return str(exc)
    return None


# -- error paths (issue 13) --------------------------------------------------------------------------

def test_a_syntax_error_is_reported_at_the_users_file_and_line(tmp_path: Path) -> None:
    project = _project(tmp_path, "import helpers\n")
    (tmp_path / "helpers.py").write_text("x = 1\ndef broken(:\n    pass\n")
    error = _preview(project)
    assert error is not None and error.startswith("helpers.py:2: the program failed: SyntaxError")


def test_os_exit_in_the_program_gives_the_exit_code_and_its_output(tmp_path: Path) -> None:
    project = _project(tmp_path, "import os\nprint('about to leave', flush=True)\nos._exit(7)\n")
    error = _preview(project)
    assert error is not None
    assert error.startswith("the program's process exited with code 7 before the preview finished")
    assert "about to leave" in error


def test_program_output_is_streamed_and_only_a_bounded_tail_is_kept(tmp_path: Path) -> None:
    # 40 MB of output, then a failure: the error carries the last lines, the preview holds at most the tail.
    program = "import os, sys\nline = 'x' * 999 + '\\n'\nfor _ in range(40_000):\n    sys.stdout.write(line)\n" \
              "sys.stdout.write('LAST LINE\\n')\nsys.stdout.flush()\nos._exit(3)\n"
    error = _preview(_project(tmp_path, program))
    assert error is not None and error.rstrip().endswith("LAST LINE")
    assert len(error) < 20_000


def test_a_stack_file_that_is_not_a_mapping_is_an_error(tmp_path: Path) -> None:
    project = _project(tmp_path, "", stack="- aws:region\n- us-west-2\n")
    with pytest.raises(PreviewError, match="a stack file must be a mapping"):
        load_stack_config(load_project(project), "dev", [])
    (tmp_path / "Pulumi.dev.yaml").write_text("config: [1, 2]\n")
    with pytest.raises(PreviewError, match="`config` must be a mapping"):
        load_stack_config(load_project(project), "dev", [])


def test_secrets_in_program_errors_are_redacted_whole(tmp_path: Path) -> None:
    program = "import pulumi\nvalue = pulumi.Config().require('token')\nraise RuntimeError(f'bad token {value} for test-bucket')\n"
    project = _project(tmp_path, program)
    result = load_stack_config(load_project(project), "dev", ["token=test"])
    result.secret_keys.append("runner-test:token")
    error: str | None
    try:
        run_program(load_project(project), "dev", result, options=ProgramOptions(progress=lambda message: None))
        error = None
    except PreviewError as exc:
        error = str(exc)
    assert error is not None
    assert "bad token [secret] for test-bucket" in error


def test_redaction_replaces_whole_values_only() -> None:
    text = "secret test in test-bucket, testing, 'test'; 42 but not 1420; p@ss@host"
    assert redact_text(text, ["test", "42", "p@ss"]) == (
        "secret [secret] in test-bucket, testing, '[secret]'; [secret] but not 1420; [secret]@host"
    )
    assert redact_text("abc", []) == "abc"


# -- SDK internals the runner relies on (migration_guard/preview/sdk_internals.py) ------------------

def test_the_sdk_private_symbols_the_runner_uses_exist() -> None:
    from pulumi import Config
    from pulumi.runtime import sync_await
    from pulumi.runtime._callbacks import _CallbackServicer

    assert isinstance(_CallbackServicer._servicers, list)
    assert hasattr(sync_await, "_sync_await")
    for name in ("_get_int", "_get_float", "_get_bool"):
        assert callable(getattr(Config, name))
    import inspect

    source = inspect.getsource(_CallbackServicer.__init__)
    assert "self._callbacks" in source and "self._loop" in source


def test_an_old_pulumi_sdk_fails_with_the_versions() -> None:
    from migration_guard.preview import _runner

    assert _runner._version_tuple("3.129.0") < _runner.MINIMUM_PULUMI <= _runner._version_tuple("3.130.0")
    assert _runner.check_sdk() is None  # the installed SDK is supported


# -- provider Check --------------------------------------------------------------------------------

def test_json_documents_are_encoded_as_go_does() -> None:
    secret = {SPECIAL_SIG_KEY: SECRET_SIG, "value": "s3cr3t"}
    assert provider_check.json_document({"b": 1.0, "a": "<&>"}) == '{"a":"\\u003c\\u0026\\u003e","b":1}'
    assert provider_check.json_document({"a": [UNKNOWN_STRING]}) == UNKNOWN_STRING
    assert provider_check.json_document({"k": secret}) == {SPECIAL_SIG_KEY: SECRET_SIG, "value": '{"k":"s3cr3t"}'}
    assert provider_check.json_document('{"already": "text"}') == '{"already": "text"}'


def test_json_document_inputs_are_read_from_the_sdk() -> None:
    import pulumi_aws as aws

    assert "assumeRolePolicy" in sdk_schema.json_document_inputs(aws.iam.Role)
    assert "policy" in sdk_schema.json_document_inputs(aws.s3.BucketPolicy)
    assert "redrivePolicy" in sdk_schema.json_document_inputs(aws.sqs.Queue)
    assert "name" not in sdk_schema.json_document_inputs(aws.sqs.Queue)


# -- data sources ----------------------------------------------------------------------------------

def test_assumed_answers_fill_every_required_field_of_the_result_type() -> None:
    from pulumi_aws.ec2.get_vpc import GetVpcResult

    answer = invokes.assumed_answer("aws:ec2/getVpc:getVpc", {"default": True}, "eu-west-1", GetVpcResult)
    assert answer is not None
    required = {name for name, shape in sdk_schema.result_fields(GetVpcResult).items() if shape.required}
    assert required <= set(answer)
    assert answer["cidrBlock"] == "172.31.0.0/16" and answer["arn"].startswith("arn:aws:ec2:eu-west-1:")
    assert set(answer) <= set(sdk_schema.result_fields(GetVpcResult))


def test_placeholders_are_typed_and_deterministic() -> None:
    from pulumi_aws.outposts.get_outpost import GetOutpostResult

    first = data_sources.placeholder("aws:outposts/getOutpost:getOutpost", {"name": "r"}, "us-west-2", GetOutpostResult)
    again = data_sources.placeholder("aws:outposts/getOutpost:getOutpost", {"name": "r"}, "us-west-2", GetOutpostResult)
    assert first == again and first["name"] == "r"
    assert first["arn"].startswith("arn:aws:preview:us-west-2:")


def test_every_assumed_token_exists_in_the_installed_sdk() -> None:
    import importlib

    older_sdks_only = {"aws:ec2/getSubnetIds:getSubnetIds"}  # pulumi-aws 5 and 6 (removed in 7)
    for token in [*data_sources.ASSUMED, *invokes.ASSUMED_HERE]:
        if token in older_sdks_only:
            continue
        package, module_path, function = token.split(":")[0], token.split(":")[1], token.split(":")[2]
        module = module_path.split("/")[0]
        target = importlib.import_module(f"pulumi_aws.{module}" if module != "index" else "pulumi_aws")
        snake = "".join("_" + c.lower() if c.isupper() else c for c in function)
        assert package == "aws" and hasattr(target, snake), token


# -- environments ----------------------------------------------------------------------------------

def test_a_missing_virtualenv_is_refused_with_no_install(tmp_path: Path) -> None:
    options = environment.runtime_options({"virtualenv": "venv"})
    with pytest.raises(PreviewError, match="does not exist"):
        environment.program_interpreter(options, tmp_path, install=False)


def test_an_existing_virtualenv_is_used_and_named(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    venv.symlink_to(Path(sys.prefix))
    chosen = environment.program_interpreter(environment.runtime_options({"virtualenv": "venv"}), tmp_path)
    assert chosen.python == str(venv / "bin" / "python")
    assert chosen.describe() == f"note: running the program with {venv / 'bin' / 'python'} (the virtualenv named in Pulumi.yaml)"


def test_a_poetry_project_without_poetry_says_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    (tmp_path / "poetry.lock").write_text("")
    with pytest.raises(PreviewError, match="poetry is not installed"):
        environment.program_interpreter(environment.runtime_options(None), tmp_path)


def test_the_pip_environment_is_created_as_the_language_host_creates_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    commands: list[list[str]] = []

    def fake_run(command: list[str], cwd: Path, progress: object, env: object = None) -> None:
        commands.append(command)
        if command[1:3] == ["-m", "venv"]:
            Path(command[3]).symlink_to(Path(sys.prefix))

    monkeypatch.setattr(environment, "_run", fake_run)
    (tmp_path / "requirements.txt").write_text("pulumi>=3\n")
    said: list[str] = []
    chosen = environment.program_interpreter(environment.runtime_options({"virtualenv": "venv"}), tmp_path, progress=said.append)
    venv = tmp_path / "venv"
    assert commands[0][1:] == ["-m", "venv", str(venv)]
    assert commands[1] == [str(venv / "bin" / "python"), "-m", "pip", "install", "-r", str(tmp_path / "requirements.txt")]
    assert said[0] == f"Creating virtual environment {venv} ..." and said[-1] == "Finished creating virtual environment"
    assert chosen.why == "the virtualenv named in Pulumi.yaml, created now"


def test_runner_spec_is_json_serialisable_for_a_project_with_nested_secrets(tmp_path: Path) -> None:
    stack = "config:\n  aws:region: us-west-2\n  runner-test:db:\n    user: app\n    password:\n      secure: v1:x\n"
    project = load_project(_project(tmp_path, "", stack=stack))
    config = load_stack_config(project, "dev", [])
    assert config.secret_keys == ["runner-test:db"]
    value = json.loads(config.values["runner-test:db"])
    assert value == {"user": "app", "password": UNKNOWN_STRING}


def test_reports_redact_whole_secret_values_in_messages_and_errors() -> None:
    from migration_guard.preview.engine import redact
    from migration_guard.preview.model import Report, Violation

    violation = Violation(
        policy_pack="p", policy_pack_version="1", policy="x", enforcement_level="mandatory", severity="high",
        urn="urn:pulumi:dev::p::aws:s3/bucket:Bucket::test-bucket", type="aws:s3/bucket:Bucket", name="test-bucket",
        message="bucket test-bucket has password test", description="see test-bucket", source=None,
    )
    report = Report(command="preview", project="p", stack="dev", resources=[], packs=[], violations=[violation],
                    unverifiable=[], remediations=[], errors=["policy failed: KeyError: 'abc'"])
    redact(report, ["test", "abc"])
    assert violation.message == "bucket test-bucket has password [secret]"
    assert violation.description == "see test-bucket"
    assert report.errors == ["policy failed: KeyError: '[secret]'"]
