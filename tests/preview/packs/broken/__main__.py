"""A pack that fails while loading."""

raise RuntimeError("broken test pack fails at import")
