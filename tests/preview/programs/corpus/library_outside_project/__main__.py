import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "_shared_lib"))

from acme_platform import standard_queue  # noqa: E402

standard_queue("payments")
standard_queue("refunds")
