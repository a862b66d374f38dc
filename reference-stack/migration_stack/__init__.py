"""MigrationGuard reference migration stack: on-premises PostgreSQL to Aurora/RDS PostgreSQL with DMS."""
