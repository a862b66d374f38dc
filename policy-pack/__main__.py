"""Entry point the Pulumi CLI runs: `python -u -m pulumi.policy <engine> <this folder>`.

Nothing may be printed to stdout before the server writes its port: the CLI reads that line.
The pack serves pulumi-policy's protocol through its fast servicer (one conversion per request,
shared by every policy); see migration_guard_policies/compat/pulumi_policy.py.
"""

from migration_guard_policies.pack import serve_pack

serve_pack()
