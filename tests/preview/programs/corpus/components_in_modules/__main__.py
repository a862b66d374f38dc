import pulumi
from infra.network import Network
from infra.storage import SecureBucket

network = Network("core", cidr="10.40.0.0/16")
logs = SecureBucket("audit-logs", retention_days=90)
pulumi.export("bucket", logs.bucket_name)
