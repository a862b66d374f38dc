"""Stand-in for the pulumi-awsx SDK: its Vpc is a multi-language (remote) component like the real one."""
from . import ec2 as ec2
