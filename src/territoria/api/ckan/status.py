"""CKAN's ``status_show`` and ``/api/util/status``: what a harvester asks first.

udata's CKAN harvester reads ``/api/util/status`` to check the source is a CKAN; both
answer the site's title, URL, the CKAN version whose API we follow and the extensions we
stand in for (``datastore``; ``datastore_search_sql`` only when the instance opens it).
"""

from __future__ import annotations

from typing import Any

from territoria import __version__
from territoria.api.ckan.lookup import Call
from territoria.config import Settings

CKAN_VERSION = "2.11.0"
"""The CKAN release whose Action API this subset follows."""


def site_status(settings: Settings, base: str) -> dict[str, Any]:
    """The status dict of this site."""
    return {
        "site_title": settings.organisation_name,
        "site_description": "Territoria",
        "site_url": base.rstrip("/"),
        "ckan_version": CKAN_VERSION,
        "territoria_version": __version__,
        "error_emails_to": None,
        "locale_default": "fr",
        "extensions": ["datastore", "territoria"],
    }


def status_show(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    """``status_show``'s result."""
    return site_status(call.state.settings, call.base)
