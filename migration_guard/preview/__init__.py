"""Offline preview: run a Pulumi Python program and CrossGuard packs as `pulumi preview --policy-pack` would,
with no Pulumi CLI, cloud account or network.

    migration-guard preview [--cwd DIR] [--stack dev] [--config K=V ...] [--policy-pack DIR ...]
                            [--policy-pack-config FILE ...] [--format text|json|sarif|junit|markdown]
                            [--output FILE] [--invoke-results FILE] [--allow-unknown-invokes]
    migration-guard audit --state EXPORT.json [--policy-pack DIR ...] [--format ...]

Modules follow the engine's seams: ``project`` (Pulumi.yaml and stack config), ``_runner`` (child process:
the program under the SDK's mock monitor), ``program`` (what the engine adds: default providers, provider
links, autonames, preview outputs), ``invokes`` (canned data-source answers), ``packs`` (launch, configure
and drive packs through migration_guard.testing.pack_process), ``engine`` (orchestration), ``report``
(one module per format). Exit codes: 0 no mandatory violation, 1 at least one, 2 any error.
"""
