"""Versions policies: one module per policy, each declaring a SPEC."""

from ..discovery import collect

SPECS = collect(__name__, __path__)
