"""`migration-guard` command line (filled in by the offline preview work)."""
def main() -> int:
    return 0
