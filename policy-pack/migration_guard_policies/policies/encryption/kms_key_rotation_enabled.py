"""kms-key-rotation-enabled: symmetric customer-managed keys rotate their key material."""

from __future__ import annotations

from ...context import ResourceCheck
from ...examples import Example, unknown
from ...settings import IntSetting
from ...spec import Family, Framework, ResourcePolicySpec
from ...types import KMS_KEY

SYMMETRIC_SPEC = "SYMMETRIC_DEFAULT"
SYMMETRIC_USAGE = "ENCRYPT_DECRYPT"
MAX_ROTATION_DAYS = IntSetting(
    "maxRotationDays",
    default=365,
    minimum=90,
    maximum=2560,
    description="The longest acceptable rotationPeriodInDays (AWS allows 90-2560).",
)



def check(r: ResourceCheck) -> None:
    for store in ("customKeyStoreId", "xksKeyId"):
        if r.props.get(store).present:
            r.not_applicable(f"a key in a custom key store ({store}) cannot rotate automatically")
    spec, usage = r.props.get("customerMasterKeySpec"), r.props.get("keyUsage")
    if spec.str() not in (None, "", SYMMETRIC_SPEC) or usage.str() not in (None, "", SYMMETRIC_USAGE):
        r.not_applicable("only symmetric encryption keys support automatic rotation (asymmetric or HMAC key)")

    why = "automatic rotation applies to symmetric encryption keys only"
    rotation = r.props.get("enableKeyRotation")
    if not r.check_unknown(rotation, "without rotation the key material never changes") and not rotation.is_true():
        if not (r.check_unknown(spec, why) | r.check_unknown(usage, why)):
            r.violation(
                "enableKeyRotation is not true: the key material never rotates (it defaults to false). "
                "Set enableKeyRotation: true."
            )
        return

    maximum = r.setting(MAX_ROTATION_DAYS)
    period = r.props.get("rotationPeriodInDays")
    if r.check_unknown(period, f"it must be at most {maximum} days"):
        return
    days = period.number()
    if days is not None and days > maximum:
        r.violation(
            f"rotationPeriodInDays is {days:g}, more than the allowed {maximum} days (maxRotationDays). "
            f"Set rotationPeriodInDays to {maximum} or less (AWS allows 90-2560), or omit it for 365."
        )


SPEC = ResourcePolicySpec(
    name="kms-key-rotation-enabled",
    description="Symmetric customer-managed KMS keys rotate their key material automatically.",
    family=Family.ENCRYPTION,
    severity="high",
    level="mandatory",
    resource_types=(KMS_KEY,),
    rule=(
        "Symmetric encryption keys (no `customerMasterKeySpec` or `SYMMETRIC_DEFAULT`, `keyUsage` "
        "`ENCRYPT_DECRYPT`) have `enableKeyRotation` true and, when set, `rotationPeriodInDays` at most "
        "maxRotationDays. Asymmetric, HMAC and custom-key-store keys (`customKeyStoreId`, `xksKeyId`): not "
        "applicable."
    ),
    unknown_handling=(
        "unverifiable (an unknown enableKeyRotation or rotationPeriodInDays, or an unknown key spec or usage "
        "when rotation is off); an unknown customKeyStoreId or xksKeyId is set, so not applicable"
    ),
    remediation=(
        "1. Set enable_key_rotation=True on the aws.kms.Key.\n"
        "2. Optionally set rotation_period_in_days (90-2560; 365 when omitted) within maxRotationDays.\n"
        "3. Rotation keeps old key material for decryption: nothing needs re-encrypting."
    ),
    framework=Framework("AWS Config managed rule", "cmk-backing-key-rotation-enabled"),
    refs=("CKV_AWS_7", "seed 000"),
    echoes=frozenset({"rotationPeriodInDays", "customerMasterKeySpec", "keyUsage"}),
    settings=(MAX_ROTATION_DAYS,),
    check=check,
    examples=(
        Example("Rotation enabled", {"description": "migration key", "enableKeyRotation": True}, "pass"),
        Example(
            "Rotation every 180 days",
            {"enableKeyRotation": True, "rotationPeriodInDays": 180, "customerMasterKeySpec": "SYMMETRIC_DEFAULT"},
            "pass",
        ),
        Example(
            "Rotation not enabled (seed 000)",
            {"description": "migration key", "keyUsage": "ENCRYPT_DECRYPT"},
            "fail",
            mentions=("enableKeyRotation",),
        ),
        Example(
            "Rotation period longer than maxRotationDays",
            {"enableKeyRotation": True, "rotationPeriodInDays": 730},
            "fail",
            mentions=("rotationPeriodInDays",),
        ),
        Example(
            "Longer period allowed by config",
            {"enableKeyRotation": True, "rotationPeriodInDays": 730},
            "pass",
            config={"maxRotationDays": 730},
        ),
        Example("enableKeyRotation computed during preview", {"enableKeyRotation": unknown("boolean")}, "unverifiable"),
        Example(
            "Asymmetric signing key",
            {"customerMasterKeySpec": "RSA_2048", "keyUsage": "SIGN_VERIFY"},
            "not_applicable",
        ),
        Example(
            "HMAC key",
            {"customerMasterKeySpec": "HMAC_256", "keyUsage": "GENERATE_VERIFY_MAC"},
            "not_applicable",
        ),
        Example("Key in a CloudHSM key store", {"customKeyStoreId": unknown()}, "not_applicable"),
        Example(
            "External key store key",
            {"customKeyStoreId": "cks-1234567890abcdef0", "xksKeyId": "ext-key-1"},
            "not_applicable",
        ),
    ),
)
