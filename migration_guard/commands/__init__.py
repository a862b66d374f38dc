"""Subcommands of `migration-guard` that are not the preview itself: policies, schema, vendor, output."""
