"""Every use of pulumi / pulumi-policy internals lives in this package (one module per SDK)."""
