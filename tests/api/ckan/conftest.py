"""Fixtures of the CKAN API tests: the real ckanapi client on the shared live server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from ckanapi import RemoteCKAN
from live_server import ADMIN_TOKEN


@pytest.fixture
def ckan(live_url: str) -> Iterator[RemoteCKAN]:
    """ckanapi as an anonymous script uses it (POST with a JSON body)."""
    with RemoteCKAN(live_url) as client:
        yield client


@pytest.fixture
def ckan_get(live_url: str) -> Iterator[RemoteCKAN]:
    """ckanapi in ``get_only`` mode (parameters in the query string)."""
    with RemoteCKAN(live_url, get_only=True) as client:
        yield client


@pytest.fixture
def ckan_admin(live_url: str) -> Iterator[RemoteCKAN]:
    """ckanapi with the administrator's key (sent bare in ``Authorization``)."""
    with RemoteCKAN(live_url, apikey=ADMIN_TOKEN) as client:
        yield client
