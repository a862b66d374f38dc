"""Assumed answers for lookups of existing AWS infrastructure, and typed placeholders.

Every answer starts from the SDK's result type (every field the type declares required is present
and of its type; optional fields are left out unless the call's arguments give them), then the
fields a program commonly reads get realistic values built from the call's arguments and Region:
ids in AWS's formats, ARNs in the call's partition, Region and the preview account.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from typing import Any

from . import sdk_schema

PREVIEW_ACCOUNT_ID = "123456789012"
MAX_DEPTH = 4
SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d"
SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270"


def digest(*parts: Any) -> str:
    text = json.dumps(parts, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def partition(region: str) -> str:
    if region.startswith("cn-"):
        return "aws-cn"
    if region.startswith("us-gov-"):
        return "aws-us-gov"
    return "aws"


def arn(region: str, service: str, resource: str, *, regional: bool = True, account: str = PREVIEW_ACCOUNT_ID) -> str:
    return f"arn:{partition(region)}:{service}:{region if regional else ''}:{account}:{resource}"


def aws_id(prefix: str, seed: str, length: int = 17) -> str:
    return f"{prefix}-{seed[:length]}"


# -- typed placeholders from the SDK result type --------------------------------------------------

def _placeholder_string(name: str, seed: str, region: str) -> str:
    lowered = name.lower()
    if lowered == "region":
        return region
    if lowered.endswith("arn"):
        return arn(region, "preview", f"{name}/{seed[:12]}")
    if lowered in ("ownerid", "accountid", "awsaccountid"):
        return PREVIEW_ACCOUNT_ID
    return f"preview-{name}-{seed[:8]}"


def typed_value(shape: sdk_schema.ValueShape, name: str, seed: str, region: str, depth: int = 0) -> Any:
    if shape.kind == "str":
        return _placeholder_string(name, seed, region)
    if shape.kind == "bool":
        return False
    if shape.kind in ("int", "float"):
        return 0
    if shape.kind == "list":
        return []
    if shape.kind == "map":
        return {}
    if shape.kind == "object" and depth < MAX_DEPTH and isinstance(shape.element, type):
        return typed_object(shape.element, seed, region, depth + 1)
    return None


def typed_object(cls: type, seed: str, region: str, depth: int = 0, *, optional_too: bool = False) -> dict[str, Any]:
    """A value for every required field of an SDK output type (every field with optional_too)."""
    out: dict[str, Any] = {}
    for name, shape in sdk_schema.result_fields(cls).items():
        if shape.required or optional_too or name == "id":
            value = typed_value(shape, name, digest(seed, name), region, depth)
            if value is not None:
                out[name] = value
    return out


def _echo_arguments(cls: type | None, args: Mapping[str, Any]) -> dict[str, Any]:
    """Arguments that the result type repeats (filters, tags, names...) come back as given."""
    if cls is None:
        return dict(args)
    fields = sdk_schema.result_fields(cls)
    return {key: value for key, value in args.items() if key in fields}


def placeholder(token: str, args: Mapping[str, Any], region: str, result_type: type | None) -> dict[str, Any]:
    seed = digest(token, dict(args), region)
    base = typed_object(result_type, seed, region) if result_type is not None else {}
    return {**base, **_echo_arguments(result_type, args)}


# -- assumed answers for common lookups ------------------------------------------------------------

Builder = Callable[[Mapping[str, Any], str, str], dict[str, Any]]


def _vpc(args: Mapping[str, Any], region: str, seed: str) -> dict[str, Any]:
    vpc_id = args.get("id") or aws_id("vpc", seed)
    default = bool(args.get("default"))
    return {
        "id": vpc_id, "arn": arn(region, "ec2", f"vpc/{vpc_id}"),
        "cidrBlock": args.get("cidrBlock") or ("172.31.0.0/16" if default else "10.0.0.0/16"),
        "default": default, "state": "available", "ownerId": PREVIEW_ACCOUNT_ID,
        "enableDnsSupport": True, "enableDnsHostnames": default, "instanceTenancy": "default",
        "mainRouteTableId": aws_id("rtb", seed), "dhcpOptionsId": aws_id("dopt", seed),
        "region": region, "tags": dict(args.get("tags") or {}),
    }


def _vpcs(args: Mapping[str, Any], region: str, seed: str) -> dict[str, Any]:
    return {"id": region, "ids": [aws_id("vpc", seed)], "region": region}


def _subnet_ids(seed: str) -> list[str]:
    return [aws_id("subnet", digest(seed, index)) for index in range(3)]


def _subnets(args: Mapping[str, Any], region: str, seed: str) -> dict[str, Any]:
    return {"id": region, "ids": _subnet_ids(seed), "region": region}


def _subnet(args: Mapping[str, Any], region: str, seed: str) -> dict[str, Any]:
    subnet_id = args.get("id") or aws_id("subnet", seed)
    zone = args.get("availabilityZone") or f"{region}a"
    return {
        "id": subnet_id, "arn": arn(region, "ec2", f"subnet/{subnet_id}"),
        "vpcId": args.get("vpcId") or aws_id("vpc", digest(seed, "vpc")),
        "availabilityZone": zone, "availabilityZoneId": f"{zone}-id",
        "cidrBlock": args.get("cidrBlock") or "172.31.0.0/20", "state": "available",
        "defaultForAz": bool(args.get("defaultForAz")), "mapPublicIpOnLaunch": False,
        "ownerId": PREVIEW_ACCOUNT_ID, "availableIpAddressCount": 4091, "region": region,
        "tags": dict(args.get("tags") or {}),
    }


def _security_group(args: Mapping[str, Any], region: str, seed: str) -> dict[str, Any]:
    group_id = args.get("id") or aws_id("sg", seed)
    return {
        "id": group_id, "arn": arn(region, "ec2", f"security-group/{group_id}"),
        "name": args.get("name") or "default", "description": "default VPC security group",
        "vpcId": args.get("vpcId") or aws_id("vpc", digest(seed, "vpc")), "region": region,
        "tags": dict(args.get("tags") or {}),
    }


def _filter_value(args: Mapping[str, Any], name: str) -> str | None:
    for item in args.get("filters") or []:
        if isinstance(item, Mapping) and item.get("name") == name and item.get("values"):
            return str(item["values"][0])
    return None


def _ami(args: Mapping[str, Any], region: str, seed: str) -> dict[str, Any]:
    image_id = aws_id("ami", seed)
    owners = list(args.get("owners") or ["amazon"])
    architecture = _filter_value(args, "architecture") or ("arm64" if "arm64" in (_filter_value(args, "name") or "") else "x86_64")
    root = "/dev/xvda"
    ebs = {"delete_on_termination": "true", "encrypted": "false", "iops": "3000", "snapshot_id": aws_id("snap", seed),
           "throughput": "125", "volume_size": "8", "volume_type": "gp3"}
    return {
        "id": image_id, "imageId": image_id, "architecture": architecture,
        "name": _filter_value(args, "name") or f"migration-guard-preview-{seed[:8]}",
        "ownerId": owners[0] if owners[0].isdigit() else PREVIEW_ACCOUNT_ID, "owners": owners,
        "rootDeviceName": root, "rootDeviceType": "ebs", "rootSnapshotId": ebs["snapshot_id"],
        "virtualizationType": _filter_value(args, "virtualization-type") or "hvm", "state": "available",
        "imageType": "machine", "public": True, "enaSupport": True, "hypervisor": "xen", "platformDetails": "Linux/UNIX",
        "arn": arn(region, "ec2", f"image/{image_id}", account=""),
        "blockDeviceMappings": [{"deviceName": root, "ebs": ebs, "noDevice": "", "virtualName": ""}],
        "productCodes": [], "tags": {}, "mostRecent": bool(args.get("mostRecent")), "region": region,
    }


def _ami_ids(args: Mapping[str, Any], region: str, seed: str) -> dict[str, Any]:
    return {"id": region, "ids": [aws_id("ami", seed)], "region": region}


def _zone(args: Mapping[str, Any], region: str, seed: str) -> dict[str, Any]:
    name = str(args.get("name") or "example.com").rstrip(".")
    zone_id = args.get("zoneId") or ("Z" + seed[:13].upper())
    return {
        "id": zone_id, "zoneId": zone_id, "name": name, "arn": f"arn:{partition(region)}:route53:::hostedzone/{zone_id}",
        "privateZone": bool(args.get("privateZone")), "comment": "", "callerReference": seed[:12],
        "nameServers": [f"ns-{index}.awsdns-{index:02d}.net" for index in range(1, 5)],
        "primaryNameServer": "ns-1.awsdns-01.net", "resourceRecordSetCount": 2, "tags": dict(args.get("tags") or {}),
    }


def _certificate(args: Mapping[str, Any], region: str, seed: str) -> dict[str, Any]:
    certificate = arn(region, "acm", f"certificate/{seed[:8]}-{seed[8:12]}-{seed[12:16]}-{seed[16:20]}-{seed[20:32]}")
    return {
        "id": certificate, "arn": certificate, "domain": args.get("domain") or "example.com", "status": "ISSUED",
        "statuses": list(args.get("statuses") or ["ISSUED"]), "types": list(args.get("types") or ["AMAZON_ISSUED"]),
        "keyTypes": list(args.get("keyTypes") or ["RSA_2048"]), "certificate": "", "certificateChain": "",
        "region": region, "tags": {},
    }


def _canonical_user(args: Mapping[str, Any], region: str, seed: str) -> dict[str, Any]:
    return {"id": seed, "displayName": "migration-guard-preview"}


def _random_password(args: Mapping[str, Any], region: str, seed: str) -> dict[str, Any]:
    length = int(args.get("passwordLength") or 32)
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"
    password = "".join(alphabet[int(seed[i % 60:(i % 60) + 2], 16) % len(alphabet)] for i in range(length))
    return {"id": region, "randomPassword": {SECRET_SIG_KEY: SECRET_SIG, "value": password}, "region": region}


def _kms_alias(args: Mapping[str, Any], region: str, seed: str) -> dict[str, Any]:
    name = str(args.get("name") or "alias/preview")
    key_id = f"{seed[:8]}-{seed[8:12]}-{seed[12:16]}-{seed[16:20]}-{seed[20:32]}"
    return {
        "id": arn(region, "kms", name), "arn": arn(region, "kms", name), "name": name,
        "targetKeyId": key_id, "targetKeyArn": arn(region, "kms", f"key/{key_id}"), "region": region,
    }


def _kms_key(args: Mapping[str, Any], region: str, seed: str) -> dict[str, Any]:
    given = str(args.get("keyId") or "")
    key_id = given if given and not given.startswith(("arn:", "alias/")) else f"{seed[:8]}-{seed[8:12]}-{seed[12:16]}-{seed[16:20]}-{seed[20:32]}"
    managed = "AWS" if "alias/aws/" in given else "CUSTOMER"
    return {
        "id": key_id, "keyId": key_id, "arn": arn(region, "kms", f"key/{key_id}"), "awsAccountId": PREVIEW_ACCOUNT_ID,
        "enabled": True, "keyState": "Enabled", "keyManager": managed, "keyUsage": "ENCRYPT_DECRYPT",
        "keySpec": "SYMMETRIC_DEFAULT", "customerMasterKeySpec": "SYMMETRIC_DEFAULT", "origin": "AWS_KMS",
        "multiRegion": False, "description": "", "creationDate": "2024-01-01T00:00:00Z", "region": region,
    }


ENGINE_DEFAULT_VERSIONS = {
    "postgres": ("16.6", "postgres16"),
    "mysql": ("8.0.40", "mysql8.0"),
    "mariadb": ("10.11.10", "mariadb10.11"),
    "aurora-postgresql": ("16.6", "aurora-postgresql16"),
    "aurora-mysql": ("8.0.mysql_aurora.3.08.0", "aurora-mysql8.0"),
}


def _family(engine: str, version: str) -> str:
    default = ENGINE_DEFAULT_VERSIONS.get(engine)
    if engine in ("postgres", "aurora-postgresql"):
        return f"{engine}{version.split('.')[0]}"
    if engine in ("mysql", "mariadb", "aurora-mysql"):
        return f"{engine}{'.'.join(version.split('.')[:2])}"
    return default[1] if default else f"{engine}{version.split('.')[0]}"


def _engine_version(args: Mapping[str, Any], region: str, seed: str) -> dict[str, Any]:
    engine = str(args.get("engine") or "postgres")
    preferred = list(args.get("preferredVersions") or [])
    version = str(args.get("version") or (preferred[0] if preferred else ENGINE_DEFAULT_VERSIONS.get(engine, ("1.0", ""))[0]))
    return {
        "id": version, "engine": engine, "version": version, "versionActual": version,
        "parameterGroupFamily": args.get("parameterGroupFamily") or _family(engine, version), "status": "available",
        "engineDescription": engine, "versionDescription": f"{engine} {version}", "defaultOnly": False,
        "supportsReadReplica": True, "region": region,
    }


def _rds_instance(args: Mapping[str, Any], region: str, seed: str) -> dict[str, Any]:
    identifier = str(args.get("dbInstanceIdentifier") or f"preview-{seed[:8]}")
    return {
        "id": identifier, "dbInstanceIdentifier": identifier, "dbInstanceArn": arn(region, "rds", f"db:{identifier}"),
        "engine": "postgres", "engineVersion": "16.6", "address": f"{identifier}.{seed[:12]}.{region}.rds.amazonaws.com",
        "endpoint": f"{identifier}.{seed[:12]}.{region}.rds.amazonaws.com:5432", "port": 5432,
        "storageEncrypted": True, "multiAz": False, "dbInstanceClass": "db.t4g.micro", "region": region,
    }


def _parameter(args: Mapping[str, Any], region: str, seed: str) -> dict[str, Any]:
    name = str(args.get("name") or "/preview/parameter")
    value = f"preview-{seed[:16]}"
    return {
        "id": name, "name": name, "arn": arn(region, "ssm", f"parameter/{name.lstrip('/')}"), "type": "String",
        "value": {SECRET_SIG_KEY: SECRET_SIG, "value": value}, "insecureValue": value, "version": 1,
        "withDecryption": args.get("withDecryption", True), "region": region,
    }


def _trust_policy() -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]})


def _role(args: Mapping[str, Any], region: str, seed: str) -> dict[str, Any]:
    name = str(args.get("name") or "preview-role")
    return {
        "id": name, "name": name, "arn": arn(region, "iam", f"role/{name}", regional=False), "path": "/",
        "assumeRolePolicy": _trust_policy(), "uniqueId": "AROA" + seed[:17].upper(), "maxSessionDuration": 3600,
        "createDate": "2024-01-01T00:00:00Z", "description": "", "permissionsBoundary": "", "tags": {},
    }


def _policy(args: Mapping[str, Any], region: str, seed: str) -> dict[str, Any]:
    name = str(args.get("name") or str(args.get("arn") or "preview-policy").rsplit("/", 1)[-1])
    policy_arn = str(args.get("arn") or arn(region, "iam", f"policy/{name}", regional=False))
    document = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "none:null", "Resource": "*"}]})
    return {
        "id": policy_arn, "arn": policy_arn, "name": name, "path": "/", "description": "", "policy": document,
        "policyId": "ANPA" + seed[:17].upper(), "attachmentCount": 0, "tags": {},
    }


ASSUMED: dict[str, Builder] = {
    "aws:ec2/getVpc:getVpc": _vpc,
    "aws:ec2/getVpcs:getVpcs": _vpcs,
    "aws:ec2/getSubnets:getSubnets": _subnets,
    "aws:ec2/getSubnetIds:getSubnetIds": _subnets,
    "aws:ec2/getSubnet:getSubnet": _subnet,
    "aws:ec2/getSecurityGroup:getSecurityGroup": _security_group,
    "aws:ec2/getAmi:getAmi": _ami,
    "aws:ec2/getAmiIds:getAmiIds": _ami_ids,
    "aws:route53/getZone:getZone": _zone,
    "aws:acm/getCertificate:getCertificate": _certificate,
    "aws:s3/getCanonicalUserId:getCanonicalUserId": _canonical_user,
    "aws:secretsmanager/getRandomPassword:getRandomPassword": _random_password,
    "aws:kms/getAlias:getAlias": _kms_alias,
    "aws:kms/getKey:getKey": _kms_key,
    "aws:rds/getEngineVersion:getEngineVersion": _engine_version,
    "aws:rds/getInstance:getInstance": _rds_instance,
    "aws:ssm/getParameter:getParameter": _parameter,
    "aws:iam/getRole:getRole": _role,
    "aws:iam/getPolicy:getPolicy": _policy,
}
"""Data sources with an assumed answer: docs/offline-preview.md lists them with what each assumes."""


def assumed(token: str, args: Mapping[str, Any], region: str, result_type: type | None) -> dict[str, Any] | None:
    builder = ASSUMED.get(token)
    if builder is None:
        return None
    seed = digest(token, dict(args), region)
    specific = builder(args, region, seed)
    base = placeholder(token, args, region, result_type)
    return only_result_fields({**base, **specific}, result_type)


def only_result_fields(answer: dict[str, Any], result_type: type | None) -> dict[str, Any]:
    """The answer restricted to the fields the installed SDK's result type has (an older SDK lacks some)."""
    if result_type is None:
        return answer
    fields = sdk_schema.result_fields(result_type)
    return {key: value for key, value in answer.items() if key in fields} if fields else answer
