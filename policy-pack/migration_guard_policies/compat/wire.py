"""Parsing Analyze requests without ever failing on depth, and without recursion.

The engine sends resource properties as a protobuf ``Struct``. pulumi-policy parses and converts
them recursively: a property nested a few hundred levels deep makes every call fail, and a few
thousand kill the process. The pack's server parses requests here instead:

* requests are parsed by protobuf in threads with a large stack (see ``serve``), which handles
  nesting up to protobuf's own limit;
* beyond that limit (protobuf raises ``DecodeError``), each resource's ``properties`` are decoded
  by :func:`decode_struct` - iterative, cut at :data:`WIRE_DEPTH` with :data:`TOO_DEEP_MARKER` - and
  the rest of the request is parsed by protobuf as usual. The pack then answers: a policy reading
  a cut-off value sees it as MALFORMED (it decides or fails closed), the others are unaffected.
"""

from __future__ import annotations

import struct as _struct
from collections.abc import Callable
from typing import Any

from google.protobuf import struct_pb2
from google.protobuf.message import DecodeError
from pulumi.runtime import proto

from ..props import TOO_DEEP_MARKER

# Property levels kept when protobuf itself cannot parse a request (deeper values become the marker).
WIRE_DEPTH = 100

_WIRE_VARINT, _WIRE_I64, _WIRE_LEN, _WIRE_I32 = 0, 1, 2, 5


def _varint(buf: bytes, pos: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        byte = buf[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result, pos
        shift += 7
        if shift > 63:
            raise DecodeError("varint too long")


def _fields(buf: bytes, start: int, end: int) -> list[tuple[int, int, int, int]]:
    """(field number, wire type, value start, value end) of one message's fields, in order."""
    out = []
    pos = start
    while pos < end:
        tag, pos = _varint(buf, pos)
        number, wire = tag >> 3, tag & 7
        if wire == _WIRE_VARINT:
            value_start = pos
            _, pos = _varint(buf, pos)
        elif wire == _WIRE_I64:
            value_start, pos = pos, pos + 8
        elif wire == _WIRE_I32:
            value_start, pos = pos, pos + 4
        elif wire == _WIRE_LEN:
            length, value_start = _varint(buf, pos)
            pos = value_start + length
        else:
            raise DecodeError(f"unsupported wire type {wire}")
        if pos > end:
            raise DecodeError("truncated message")
        out.append((number, wire, value_start, pos))
    return out


def decode_struct(buf: bytes, start: int, end: int, max_depth: int = WIRE_DEPTH) -> dict[str, Any]:
    """A Struct's bytes as JSON-like data (signature objects kept as they are), values nested deeper
    than ``max_depth`` replaced by TOO_DEEP_MARKER. Iterative: any depth, linear time."""
    root: dict[str, Any] = {}
    stack: list[tuple[bool, int, int, Any, int]] = [(True, start, end, root, 0)]  # (is struct, span, out, depth)
    while stack:
        is_struct, begin, finish, out, depth = stack.pop()
        for number, wire, value_start, value_end in _fields(buf, begin, finish):
            if number != 1 or wire != _WIRE_LEN:
                continue
            if is_struct:
                key, span = "", (0, 0)
                for entry_number, entry_wire, s, e in _fields(buf, value_start, value_end):
                    if entry_number == 1 and entry_wire == _WIRE_LEN:
                        key = buf[s:e].decode("utf-8", "replace")
                    elif entry_number == 2 and entry_wire == _WIRE_LEN:
                        span = (s, e)
                out[key] = _value(buf, span[0], span[1], depth + 1, max_depth, stack)
            else:
                out.append(_value(buf, value_start, value_end, depth + 1, max_depth, stack))
    return root


def _value(buf: bytes, start: int, end: int, depth: int, max_depth: int,
           stack: list[tuple[bool, int, int, Any, int]]) -> Any:
    value: Any = None
    for number, wire, s, e in _fields(buf, start, end):
        if number == 2 and wire == _WIRE_I64:
            value = _struct.unpack("<d", buf[s:e])[0]
        elif number == 3 and wire == _WIRE_LEN:
            value = buf[s:e].decode("utf-8", "replace")
        elif number == 4 and wire == _WIRE_VARINT:
            value = bool(_varint(buf, s)[0])
        elif number in (5, 6) and wire == _WIRE_LEN:
            if depth > max_depth:
                value = TOO_DEEP_MARKER
            else:
                value = {} if number == 5 else []
                stack.append((number == 5, s, e, value, depth))
        elif number == 1:
            value = None
    return value


def _pruned_struct(buf: bytes, start: int, end: int) -> struct_pb2.Struct:
    message = struct_pb2.Struct()
    message.update(decode_struct(buf, start, end))
    return message


def _parse_resource(message_type: Any, buf: bytes, start: int, end: int) -> Any:
    """One AnalyzeRequest / AnalyzerResource, its properties decoded by hand when protobuf cannot."""
    try:
        return message_type.FromString(buf[start:end])
    except DecodeError:
        pass
    rest = bytearray()
    properties = None
    for number, wire, s, e in _fields(buf, start, end):
        if number == 2 and wire == _WIRE_LEN:
            properties = (s, e)
            continue
        rest += _raw_field(buf, number, wire, s, e)
    message = message_type.FromString(bytes(rest))
    if properties is not None:
        message.properties.CopyFrom(_pruned_struct(buf, *properties))
    return message


def _raw_field(buf: bytes, number: int, wire: int, start: int, end: int) -> bytes:
    tag = _encode_varint((number << 3) | wire)
    if wire == _WIRE_LEN:
        return tag + _encode_varint(end - start) + buf[start:end]
    return tag + buf[start:end]


def _encode_varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def parse_analyze_request(data: bytes) -> Any:
    return _parse_resource(proto.AnalyzeRequest, data, 0, len(data))


def parse_analyze_stack_request(data: bytes) -> Any:
    try:
        return proto.AnalyzeStackRequest.FromString(data)
    except DecodeError:
        pass
    request = proto.AnalyzeStackRequest()
    for number, wire, s, e in _fields(data, 0, len(data)):
        if number == 1 and wire == _WIRE_LEN:
            request.resources.append(_parse_resource(proto.AnalyzerResource, data, s, e))
    return request


REQUEST_PARSERS: dict[str, Callable[[bytes], Any]] = {
    "Analyze": parse_analyze_request,
    "Remediate": parse_analyze_request,  # the same AnalyzeRequest
    "AnalyzeStack": parse_analyze_stack_request,
}
