"""Hangs and leftovers: every pack call has a deadline, and SIGTERM/SIGINT stop every process started.

The Pulumi CLI itself has no deadline on analyzer calls (pulumi/pulumi
`pkg/resource/plugin/analyzer_plugin.go`: the calls use the request context only); a CI job needs one.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from preview_support import PROGRAMS, REPO, run_cli_inprocess

from migration_guard.preview.signals import child_pids

HANGING_PACK = '''
import time
from pulumi_policy import EnforcementLevel, PolicyPack, ResourceValidationPolicy

def hang(args, report):
    time.sleep(600)

PolicyPack(name="hanging-pack", policies=[ResourceValidationPolicy(
    name="hangs-forever", description="Never answers.", enforcement_level=EnforcementLevel.MANDATORY,
    validate=hang)])
'''

SLEEPING_PROGRAM = '''
import time
import pulumi_aws as aws

aws.s3.Bucket("logs-dev")
time.sleep(600)
'''


def write_pack(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "PulumiPolicy.yaml").write_text("runtime: python\nversion: 0.0.1\n")
    (folder / "__main__.py").write_text(HANGING_PACK)
    return folder


def write_program(folder: Path, source: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "Pulumi.yaml").write_text("name: stops\nruntime: python\n")
    (folder / "__main__.py").write_text(source)
    return folder


def test_a_pack_call_past_its_deadline_stops_the_preview_naming_pack_and_call(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "hanging")
    result = run_cli_inprocess(
        "preview", "--cwd", str(PROGRAMS / "clean"), "--policy-pack", str(pack), "--policy-call-timeout", "3",
    )
    assert result.returncode == 2
    assert "policy pack 'hanging-pack'" in result.stderr
    assert "Analyze did not answer within 3 s" in result.stderr


def descendants(pid: int) -> set[int]:
    found: set[int] = set()
    pending = [pid]
    while pending:
        for child in child_pids(pending.pop()):
            if child not in found:
                found.add(child)
                pending.append(child)
    return found


def wait_for(predicate, timeout: float) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[-1].split()[0]
    except OSError:
        return False
    return status != "Z"


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_stops_the_program_runner_and_every_pack(tmp_path: Path, stop: signal.Signals) -> None:
    program = write_program(tmp_path / "program", SLEEPING_PROGRAM)
    pack = write_pack(tmp_path / "hanging")
    preview = subprocess.Popen(
        [sys.executable, "-m", "migration_guard", "preview", "--cwd", str(program), "--policy-pack", str(pack),
         "--policy-pack", str(REPO / "tests" / "preview" / "packs" / "second")],
        cwd=REPO, env={**os.environ, "PULUMI_PYTHON_CMD": sys.executable},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        # Two packs and the program runner.
        assert wait_for(lambda: len(descendants(preview.pid)) >= 3, 120), "the preview never started its children"
        time.sleep(3)  # let the packs get past their start-up
        started = descendants(preview.pid)
        preview.send_signal(stop)
        _, stderr = preview.communicate(timeout=60)
    finally:
        if preview.poll() is None:
            preview.kill()
            preview.wait()
    assert preview.returncode == 2
    assert f"stopped by {stop.name}" in stderr
    assert wait_for(lambda: not any(alive(p) for p in started), 10), [p for p in started if alive(p)]
