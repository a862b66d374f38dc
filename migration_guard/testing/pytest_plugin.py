"""pytest plugin: fixtures for testing CrossGuard packs (filled in by the harness work)."""
