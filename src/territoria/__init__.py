"""Territoria: a self-hosted territorial data platform for French local authorities."""

__version__ = "0.1.0"
