"""Commune Desk: the one-stop reception desk of a Vietnamese commune."""

__version__ = "0.1.0"
