"""MigrationGuard reference stack (filled in by the reference-stack work)."""
