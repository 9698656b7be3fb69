"""Fixtures of the validation tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    """A scratch folder for readers."""
    return tmp_path / "scratch"
