"""Offline preview: run a Pulumi Python program and CrossGuard packs as `pulumi preview --policy-pack` would."""
