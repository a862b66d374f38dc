import pulumi

password = pulumi.Config().require_secret("dbPassword")


def fail(value: str) -> None:
    raise ValueError(f"the password {value} is not accepted by the database")


password.apply(fail)
