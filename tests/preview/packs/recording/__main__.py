"""Recording test pack: appends every Analyzer request it receives, as JSON lines, to the file named by
RECORDING_PACK_FILE (camelCase protobuf JSON names, exactly as received)."""

import json
import os

import grpc
from google.protobuf import json_format
from pulumi_policy import (
    EnforcementLevel,
    PolicyConfigSchema,
    PolicyPack,
    ResourceValidationPolicy,
    StackValidationPolicy,
)
from pulumi_policy import policy as sdk_policy

RECORD_FILE = os.environ["RECORDING_PACK_FILE"]


def record(method, request):
    entry = {"method": method, "request": json_format.MessageToDict(request) if request is not None else None}
    with open(RECORD_FILE, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(entry, sort_keys=True) + "\n")


with open(RECORD_FILE, "a", encoding="utf-8") as _handle:
    _handle.write(json.dumps({
        "method": "<start>",
        "cwd": os.getcwd(),
        "env": {k: v for k, v in os.environ.items() if k.startswith("PULUMI_")},
    }, sort_keys=True) + "\n")

servicer = sdk_policy._PolicyAnalyzerServicer
for _name in ("Analyze", "AnalyzeStack", "Remediate", "GetAnalyzerInfo", "GetPluginInfo", "Configure",
              "ConfigureStack"):
    _original = getattr(servicer, _name)

    def _wrapped(self, request, context, _original=_original, _name=_name):
        record(_name, request)
        return _original(self, request, context)

    setattr(servicer, _name, _wrapped)


def _handshake(self, request, context):
    record("Handshake", request)
    context.abort(grpc.StatusCode.UNIMPLEMENTED, "Handshake is not implemented")


servicer.Handshake = _handshake

PolicyPack(
    name="recording-pack",
    policies=[
        ResourceValidationPolicy(
            name="record-resource",
            description="Records resources.",
            enforcement_level=EnforcementLevel.ADVISORY,
            config_schema=PolicyConfigSchema(properties={"limit": {"type": "integer", "default": 5}}),
            validate=lambda args, report: None,
        ),
        StackValidationPolicy(
            name="record-stack",
            description="Records the stack.",
            enforcement_level=EnforcementLevel.ADVISORY,
            validate=lambda args, report: None,
        ),
    ],
)
