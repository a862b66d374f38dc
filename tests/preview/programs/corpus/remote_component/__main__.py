import pulumi


class Cluster(pulumi.ComponentResource):
    """A multi-language component, as the eks and awsx SDKs declare theirs."""

    def __init__(self, name: str, opts: pulumi.ResourceOptions | None = None) -> None:
        super().__init__("eks:index:Cluster", name, {"kubeconfig": None}, opts, remote=True)


Cluster("platform")
