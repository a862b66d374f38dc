"""The one Analyzer client: launch a policy pack as the Pulumi CLI does and speak the Analyzer protocol.

Used by the offline preview (`migration_guard.preview`), the test harness (`migration_guard.testing`)
and the tests. `protocol` holds the protocol's constants, `launch` the interpreter choice, `client` the
process and its calls (each with a deadline), `policy_config` the CLI's policy-config rules.
"""

from .client import DEFAULT_CALL_TIMEOUT, PackCallTimeout, PackProcess, PackProcessError, to_struct
from .launch import Interpreter, PackLaunchError, manifest_version, resolve_interpreter

__all__ = [
    "DEFAULT_CALL_TIMEOUT",
    "Interpreter",
    "PackCallTimeout",
    "PackLaunchError",
    "PackProcess",
    "PackProcessError",
    "manifest_version",
    "resolve_interpreter",
    "to_struct",
]
