"""Fixtures of the service tests: one catalogue of real samples shared by the session."""

from __future__ import annotations

import pytest
from catalogue_samples import build_catalogue

from territoria.config import Settings


@pytest.fixture(scope="session")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The instance of :data:`catalogue_samples.CATALOGUE` (tests may edit metadata, never
    remove datasets: expectations are read back from the rows with SQL)."""
    return build_catalogue(tmp_path_factory.mktemp("catalogue"))
