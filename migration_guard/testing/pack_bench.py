"""Benchmark of a policy pack over the real Analyzer protocol (issue 8). Numbers, never assertions.

    migration-guard bench pack [--pack DIR] [--compare DIR] [--sizes 1000,10000,50000] [--rounds N]
    .venv/bin/python bench/pack_bench.py ...

The pack is launched as the Pulumi CLI launches it (``python -u -m pulumi.policy <engine> <dir>`` for
Python packs through the shared analyzer client; ``node node_modules/@pulumi/pulumi/cmd/run-policy-pack
<engine> .`` in the pack's folder for Node packs, as the CLI's ``pulumi-analyzer-policy`` plugin does).
It measures:

* cold start: process start to the GetAnalyzerInfo answer (median of 3), with the pack's bytecode as
  installed and, for Python packs, on a first run without it (see :func:`measure_cold_start`);
* Analyze p50 / p99 over a synthetic stack with every resource type MigrationGuard knows, built from
  the policies' own examples (values unknown during preview included), and the pack process's CPU time
  per request (less sensitive than wall time to other work on the machine);
* the in-process cost per resource of MigrationGuard's fast path (no gRPC);
* AnalyzeStack of 1k / 10k / 50k resources of a synthetic migration stack, with ids unknown
  (preview: links are property dependencies) and known (update, audit: links are literal ids), wall
  and pack CPU time;
* the pack's peak RSS (VmHWM) and its RSS after the 10k AnalyzeStack.

``--compare DIR`` runs the same requests against another pack and prints the ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import grpc
from google.protobuf import empty_pb2
from pulumi.runtime import proto
from pulumi.runtime.proto import analyzer_pb2_grpc

from migration_guard.testing.inprocess import analyze_request, to_struct, to_wire, urn_for
from migration_guard_policies import all_specs
from migration_guard_policies.examples import Example, StackExample, unknown
from migration_guard_policies.spec import ResourcePolicySpec

DEFAULT_PACK = Path(__file__).resolve().parents[2] / "policy-pack"
ENGINE = "127.0.0.1:0"
ANY_TYPE = "aws:sns/topic:Topic"


# ---------------------------------------------------------------------------------------------
# Launching a pack as the CLI does


@dataclass
class Pack:
    directory: Path
    process: subprocess.Popen[bytes]
    channel: grpc.Channel
    stub: Any
    started: float
    ready: float

    @property
    def cold_start(self) -> float:
        return self.ready - self.started

    def cpu_seconds(self) -> float:
        """User + system CPU time of the pack process and its children so far (/proc/<pid>/stat)."""
        return sum(_cpu(pid) for pid in [self.process.pid, *_children(self.process.pid)])

    def rss_kib(self) -> tuple[int, int]:
        """(current RSS, peak RSS) of the pack process and its children, in KiB."""
        current = peak = 0
        for pid in [self.process.pid, *_children(self.process.pid)]:
            status = _status(pid)
            current += status.get("VmRSS", 0)
            peak += status.get("VmHWM", 0)
        return current, peak

    def close(self) -> None:
        self.channel.close()
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def _status(pid: int) -> dict[str, int]:
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return {}
    out = {}
    for line in lines:
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            out[key] = int(value.split()[0])
    return out


def _cpu(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime


def _children(pid: int) -> list[int]:
    try:
        found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    kids = [int(p) for p in found]
    return kids + [g for k in kids for g in _children(k)]


def is_node_pack(directory: Path) -> bool:
    from migration_guard.analyzer.launch import pack_runtime

    return pack_runtime(directory).name == "nodejs"


def _command(directory: Path, python: str | None = None) -> list[str]:
    from migration_guard.testing.pack_process import harness_python

    if is_node_pack(directory):
        runner = directory / "node_modules" / "@pulumi" / "pulumi" / "cmd" / "run-policy-pack"
        return ["node", str(runner), ENGINE, "."]
    # The pack's declared virtualenv when it exists, else this interpreter (as the test harness does).
    return [python or harness_python(directory), "-u", "-m", "pulumi.policy", ENGINE, str(directory)]


def launch(directory: Path, *, python: str | None = None, env: Mapping[str, str] | None = None) -> Pack:
    environment = dict(os.environ, PULUMI_PROJECT="bench", PULUMI_STACK="dev", PULUMI_ORGANIZATION="organization",
                       PULUMI_DRY_RUN="true", PULUMI_CONFIG="{}", **(env or {}))
    started = time.perf_counter()
    process = subprocess.Popen(_command(directory, python), cwd=directory, env=environment, stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert process.stdout is not None
    port = int(process.stdout.readline().decode().strip())
    channel = grpc.insecure_channel(f"127.0.0.1:{port}", options=[("grpc.max_send_message_length", -1),
                                                                 ("grpc.max_receive_message_length", -1)])
    stub = analyzer_pb2_grpc.AnalyzerStub(channel)
    stub.GetAnalyzerInfo(empty_pb2.Empty(), timeout=60, wait_for_ready=True)
    return Pack(directory, process, channel, stub, started, time.perf_counter())


@contextmanager
def running(directory: Path) -> Iterator[Pack]:
    pack = launch(directory)
    try:
        yield pack
    finally:
        pack.close()


def configure_all(pack: Pack) -> None:
    info = pack.stub.GetAnalyzerInfo(empty_pb2.Empty(), timeout=60)
    request = proto.ConfigureAnalyzerRequest()
    for policy in info.policies:
        entry = proto.PolicyConfig(enforcementLevel=policy.enforcementLevel)
        entry.properties.SetInParent()  # present even when empty (Node packs read it unconditionally)
        for key, schema in policy.configSchema.properties.items():
            if "default" in schema:
                entry.properties[key] = schema["default"]
        request.policyConfig[policy.name].CopyFrom(entry)
    pack.stub.ConfigureStack(proto.AnalyzerStackConfigureRequest(stack="dev", project="bench"), timeout=60)
    pack.stub.Configure(request, timeout=60)


# ---------------------------------------------------------------------------------------------
# Requests


def synthetic_resources() -> list[tuple[str, str, dict[str, Any]]]:
    """(type, name, props) for every resource type the pack knows, from the policies' own examples."""
    seen: dict[tuple[str, str], dict[str, Any]] = {}
    for spec in all_specs():
        examples: tuple[Example | StackExample, ...] = tuple(getattr(spec, "examples", ()))
        for example in examples:
            if isinstance(example, Example) and isinstance(spec, ResourcePolicySpec):
                type_ = example.type or (ANY_TYPE if spec.resource_types[0] == "*" else spec.resource_types[0])
                seen.setdefault((type_, json.dumps(to_wire(example.props), sort_keys=True)), example.props)
            elif isinstance(example, StackExample):
                for resource in example.resources:
                    seen.setdefault((resource.type, json.dumps(to_wire(resource.props), sort_keys=True)),
                                    resource.props)
    return [(type_, f"r{i}-dev", props) for i, ((type_, _), props) in enumerate(sorted(seen.items()))]


def analyze_requests() -> list[Any]:
    return [analyze_request(type_, props, name=name, stack="dev", project="bench")
            for type_, name, props in synthetic_resources()]


VPC, SUBNET, NAT = "aws:ec2/vpc:Vpc", "aws:ec2/subnet:Subnet", "aws:ec2/natGateway:NatGateway"
ROUTE_TABLE, ASSOC = "aws:ec2/routeTable:RouteTable", "aws:ec2/routeTableAssociation:RouteTableAssociation"
CLUSTER, INSTANCE = "aws:rds/cluster:Cluster", "aws:rds/clusterInstance:ClusterInstance"
SUBNET_GROUP, KEY = "aws:rds/subnetGroup:SubnetGroup", "aws:kms/key:Key"
DMS_INSTANCE, DMS_TASK = "aws:dms/replicationInstance:ReplicationInstance", "aws:dms/replicationTask:ReplicationTask"
DMS_ENDPOINT, FLOW_LOG = "aws:dms/endpoint:Endpoint", "aws:ec2/flowLog:FlowLog"
ALARM, TOPIC, LOGS = "aws:cloudwatch/metricAlarm:MetricAlarm", "aws:sns/topic:Topic", "aws:cloudwatch/logGroup:LogGroup"
BUCKET = "aws:s3/bucketV2:BucketV2"
SSE = "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2"


def unit_resources(n: int, known_ids: bool) -> list[dict[str, Any]]:
    """Unit ``n`` of the synthetic migration stack (:data:`UNIT_SIZE` resources: network, Aurora cluster, DMS,
    key, alarm, bucket), each named ``<kind>-<n>-dev``. Units never refer to each other.

    Each resource: {"type", "name", "props", "deps": property -> the kind it links to in the same unit}.
    With ``known_ids`` (update, audit) every resource has an ``id`` and links are literal ids or names;
    without (preview) links are unknown values with property dependencies."""
    def name(kind: str) -> str:
        return f"{kind}-{n}-dev"

    def ref(kind: str) -> Any:
        return f"{kind}-{n}-id" if known_ids else unknown()

    def res(type_: str, kind: str, props: dict[str, Any], deps: Mapping[str, str] | None = None) -> dict[str, Any]:
        if known_ids:
            props = {"id": f"{kind}-{n}-id", **props}
        return {"type": type_, "name": name(kind), "props": props, "deps": dict(deps or {})}

    tags = {"Environment": "dev", "ManagedBy": "pulumi"}
    zones = ("us-east-1a", "us-east-1b", "us-east-1c")
    unit = [res(VPC, "vpc", {"cidrBlock": "10.0.0.0/16", "tags": tags})]
    for i, zone in enumerate(zones):
        unit.append(res(SUBNET, f"subnet{i}", {"vpcId": ref("vpc"), "availabilityZone": zone,
                                               "cidrBlock": f"10.0.{i}.0/24", "tags": tags}, {"vpcId": "vpc"}))
    unit.append(res(NAT, "nat0", {"subnetId": ref("subnet0"), "tags": tags}, {"subnetId": "subnet0"}))
    unit.append(res(ROUTE_TABLE, "rt", {"vpcId": ref("vpc"), "routes": [{"cidrBlock": "0.0.0.0/0",
                                                                        "natGatewayId": ref("nat0")}], "tags": tags},
                    {"vpcId": "vpc", "routes": "nat0"}))
    unit.append(res(ASSOC, "assoc1", {"subnetId": ref("subnet1"), "routeTableId": ref("rt")},
                    {"subnetId": "subnet1", "routeTableId": "rt"}))
    unit.append(res(FLOW_LOG, "flow", {"vpcId": ref("vpc"), "trafficType": "ALL", "logDestination": "arn:aws:s3:::logs",
                                       "tags": tags}, {"vpcId": "vpc"}))
    unit.append(res(KEY, "key", {"enableKeyRotation": True, "tags": tags}))
    unit.append(res(SUBNET_GROUP, "sng", {"subnetIds": [ref("subnet0"), ref("subnet1")], "tags": tags},
                    {"subnetIds": "subnet0"}))
    unit.append(res(CLUSTER, "cluster", {"clusterIdentifier": name("cluster"), "engine": "aurora-postgresql",
                                         "engineVersion": "16.6", "storageEncrypted": True, "kmsKeyId": ref("key"),
                                         "dbSubnetGroupName": ref("sng"), "backupRetentionPeriod": 7,
                                         "deletionProtection": True, "tags": tags},
                    {"kmsKeyId": "key", "dbSubnetGroupName": "sng"}))
    for i, zone in enumerate(zones[:2]):
        unit.append(res(INSTANCE, f"inst{i}", {"clusterIdentifier": name("cluster") if known_ids else unknown(),
                                               "engine": "aurora-postgresql", "instanceClass": "db.r6g.large",
                                               "availabilityZone": zone, "tags": tags}, {"clusterIdentifier": "cluster"}))
    unit.append(res(DMS_INSTANCE, "dms", {"replicationInstanceId": name("dms"), "multiAz": True,
                                          "publiclyAccessible": False, "kmsKeyArn": ref("key"), "tags": tags},
                    {"kmsKeyArn": "key"}))
    unit.append(res(DMS_ENDPOINT, "src", {"endpointId": name("src"), "endpointType": "source", "engineName": "postgres",
                                          "sslMode": "verify-full", "tags": tags}))
    unit.append(res(DMS_TASK, "task", {"replicationTaskId": name("task"), "migrationType": "full-load-and-cdc",
                                       "replicationInstanceArn": ref("dms"), "sourceEndpointArn": ref("src"),
                                       "targetEndpointArn": ref("src"), "tableMappings": json.dumps(
                                           {"rules": [{"rule-type": "selection", "rule-id": "1", "rule-name": "1",
                                                       "object-locator": {"schema-name": "%", "table-name": "%"},
                                                       "rule-action": "include"}]}), "tags": tags},
                    {"replicationInstanceArn": "dms", "sourceEndpointArn": "src"}))
    unit.append(res(TOPIC, "topic", {"kmsMasterKeyId": ref("key"), "tags": tags}, {"kmsMasterKeyId": "key"}))
    unit.append(res(ALARM, "alarm", {"comparisonOperator": "GreaterThanThreshold", "evaluationPeriods": 1,
                                     "metricName": "CPUUtilization", "namespace": "AWS/RDS", "threshold": 80,
                                     "alarmActions": [ref("topic")], "tags": tags}, {"alarmActions": "topic"}))
    unit.append(res(LOGS, "logs", {"retentionInDays": 30, "kmsKeyId": ref("key"), "tags": tags}, {"kmsKeyId": "key"}))
    unit.append(res(BUCKET, "bucket", {"bucket": name("bucket"), "tags": tags}))
    unit.append(res(SSE, "sse", {"bucket": ref("bucket") if not known_ids else name("bucket"),
                                 "rules": [{"applyServerSideEncryptionByDefault": {"sseAlgorithm": "aws:kms"}}]},
                    {"bucket": "bucket"}))
    return unit


UNIT_SIZE = 21


def stack_request(size: int, known_ids: bool) -> Any:
    """An AnalyzeStackRequest of the first ``size`` resources of the synthetic stack (units 0, 1, ...)."""
    resources: list[dict[str, Any]] = []
    n = 0
    while len(resources) < size:
        resources.extend(unit_resources(n, known_ids))
        n += 1
    resources = resources[:size]
    urns = {r["name"]: urn_for(r["type"], r["name"], project="bench") for r in resources}
    request = proto.AnalyzeStackRequest()
    for r in resources:
        message = proto.AnalyzerResource(type=r["type"], urn=urns[r["name"]], name=r["name"],
                                         properties=to_struct(r["props"]))
        suffix = r["name"].split("-", 1)[1]
        all_deps: list[str] = []
        for prop, kind in r["deps"].items():
            target = urns.get(f"{kind}-{suffix}")
            if target:
                message.propertyDependencies[prop].urns.append(target)
                all_deps.append(target)
        message.dependencies.extend(dict.fromkeys(all_deps))
        request.resources.append(message)
    return request


# ---------------------------------------------------------------------------------------------
# Measuring


def percentile(samples: Sequence[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


@dataclass
class Numbers:
    label: str
    cold_start: float = 0.0  # as installed: the pack's bytecode compiled (pip does; the first run writes it)
    cold_start_first: float = 0.0  # the pack's sources compiled as they load (PYTHONDONTWRITEBYTECODE, fresh copy)
    analyze_p50: float = 0.0
    analyze_p99: float = 0.0
    analyze_cpu: float = 0.0  # pack CPU seconds per Analyze request
    stack: dict[str, float] = field(default_factory=dict)
    stack_cpu: dict[str, float] = field(default_factory=dict)  # pack CPU seconds per AnalyzeStack request
    rss_10k_mib: float = 0.0
    peak_rss_mib: float = 0.0


def _median_start(directory: Path, repeat: int, python: str | None = None,
                  env: Mapping[str, str] | None = None) -> float:
    times = []
    for _ in range(repeat):
        pack = launch(directory, python=python, env=env)
        times.append(pack.cold_start)
        pack.close()
    return statistics.median(times)


def measure_cold_start(directory: Path, repeat: int = 3) -> tuple[float, float]:
    """(as installed, first start) medians of process start to the GetAnalyzerInfo answer.

    A Python pack is measured on a copy of its folder, so that its own folder is left as it is: first
    with no bytecode for the pack's sources (what a fresh checkout's first preview pays, or every preview
    where PYTHONDONTWRITEBYTECODE is set), then with it compiled (what pip leaves after installing, and
    Python after the first run). The interpreter and its libraries are as installed either way. A Node
    pack has no such step: both are the same measurement.
    """
    if is_node_pack(directory):
        once = _median_start(directory, repeat)
        return once, once
    from migration_guard.testing.pack_process import harness_python

    python = harness_python(directory)
    with tempfile.TemporaryDirectory(prefix="pack-bench-") as scratch:
        copy = Path(scratch) / directory.name
        shutil.copytree(directory, copy, ignore=shutil.ignore_patterns("__pycache__", "venv", ".venv", "node_modules"))
        first = _median_start(copy, repeat, python, {"PYTHONDONTWRITEBYTECODE": "1"})
        subprocess.run([python, "-m", "compileall", "-q", str(copy)], check=True, stdout=subprocess.DEVNULL)
        installed = _median_start(copy, repeat, python, {"PYTHONDONTWRITEBYTECODE": "1"})
    return installed, first


def measure_analyze(pack: Pack, requests: Sequence[Any], rounds: int) -> tuple[float, float, float]:
    """(p50, p99, pack CPU seconds per request) over ``rounds`` passes of the requests."""
    for request in requests:  # warm-up
        pack.stub.Analyze(request, timeout=60)
    samples = []
    cpu = pack.cpu_seconds()
    for _ in range(rounds):
        for request in requests:
            start = time.perf_counter()
            pack.stub.Analyze(request, timeout=60)
            samples.append(time.perf_counter() - start)
    cpu = pack.cpu_seconds() - cpu
    return percentile(samples, 0.5), percentile(samples, 0.99), cpu / len(samples)


def measure_stack(pack: Pack, sizes: Iterable[int], numbers: Numbers) -> None:
    for size in sizes:
        for known in (False, True):
            request = stack_request(size, known)
            key = f"{size // 1000}k {'known' if known else 'unknown'} ids"
            cpu = pack.cpu_seconds()
            start = time.perf_counter()
            pack.stub.AnalyzeStack(request, timeout=3600)
            numbers.stack[key] = time.perf_counter() - start
            numbers.stack_cpu[key] = pack.cpu_seconds() - cpu
            if size == 10_000 and not known:
                numbers.rss_10k_mib = pack.rss_kib()[0] / 1024
    numbers.peak_rss_mib = pack.rss_kib()[1] / 1024


def in_process_cost(requests: Sequence[Any], rounds: int) -> float:
    """Seconds per resource of the fast path itself (every policy of the pack, no gRPC)."""
    from migration_guard.testing.inprocess import PackSession

    session = PackSession(all_specs(), strict=False)
    servicer = session.servicer
    for request in requests:
        servicer.Analyze(request, None)
    start = time.perf_counter()
    for _ in range(rounds):
        for request in requests:
            servicer.Analyze(request, None)
    return (time.perf_counter() - start) / (rounds * len(requests))


def run(directory: Path, label: str, requests: Sequence[Any], sizes: Sequence[int], rounds: int) -> Numbers:
    numbers = Numbers(label)
    numbers.cold_start, numbers.cold_start_first = measure_cold_start(directory)
    with running(directory) as pack:
        configure_all(pack)
        numbers.analyze_p50, numbers.analyze_p99, numbers.analyze_cpu = measure_analyze(pack, requests, rounds)
        measure_stack(pack, sizes, numbers)
    return numbers


def report(ours: Numbers, other: Numbers | None, per_resource: float, resources: int) -> str:
    lines = [f"synthetic stack: {resources} resources covering every type the pack knows",
             f"in-process cost per resource (fast path, every policy): {per_resource * 1e6:.0f} us"]
    rows: list[tuple[str, Callable[[Numbers], float], str]] = [
        ("cold start (bytecode as installed)", lambda n: n.cold_start, "s"),
        ("cold start (first run, no bytecode)", lambda n: n.cold_start_first, "s"),
        ("Analyze p50", lambda n: n.analyze_p50 * 1000, "ms"),
        ("Analyze p99", lambda n: n.analyze_p99 * 1000, "ms"),
        ("Analyze pack CPU per request", lambda n: n.analyze_cpu * 1000, "ms"),
        *[(f"AnalyzeStack {key}", (lambda k: lambda n: n.stack.get(k, float("nan")))(key), "s") for key in ours.stack],
        *[(f"  pack CPU {key}", (lambda k: lambda n: n.stack_cpu.get(k, float("nan")))(key), "s")
          for key in ours.stack_cpu],
        ("RSS after AnalyzeStack 10k", lambda n: n.rss_10k_mib, "MiB"),
        ("peak RSS", lambda n: n.peak_rss_mib, "MiB"),
    ]
    header = f"{'':34} {ours.label:>16}" + (f" {other.label:>16} {'ratio':>8}" if other else "")
    lines.append(header)
    for title, get, unit in rows:
        mine = get(ours)
        line = f"{title:34} {mine:>12.3f} {unit:<3}"
        if other is not None:
            theirs = get(other)
            ratio = mine / theirs if theirs else float("nan")
            line += f" {theirs:>12.3f} {unit:<3} {ratio:>8.2f}"
        lines.append(line)
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="migration-guard bench pack", description=__doc__.split("\n\n")[0])
    parser.add_argument("--pack", type=Path, default=DEFAULT_PACK, help="the pack to measure (default: policy-pack/)")
    parser.add_argument("--compare", type=Path, default=None, metavar="DIR",
                        help="another CrossGuard pack (Python or Node) to run the same requests against")
    parser.add_argument("--sizes", default="1000,10000,50000", help="AnalyzeStack sizes (default: 1000,10000,50000)")
    parser.add_argument("--rounds", type=int, default=20, help="rounds of Analyze over the synthetic stack")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = parser.parse_args(list(argv) if argv is not None else None)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    requests = analyze_requests()
    per_resource = in_process_cost(requests, max(1, args.rounds // 4))
    ours = run(args.pack.resolve(), "this pack", requests, sizes, args.rounds)
    other = run(args.compare.resolve(), args.compare.name, requests, sizes, args.rounds) if args.compare else None
    if args.json:
        payload = {"ours": ours.__dict__, "other": other.__dict__ if other else None,
                   "in_process_us_per_resource": per_resource * 1e6, "resources": len(requests)}
        print(json.dumps(payload, indent=2, default=str))
    else:
        print(report(ours, other, per_resource, len(requests)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
