def database_size(environment: str) -> int:
    sizes = {"prod": 100}
    return sizes[environment]
