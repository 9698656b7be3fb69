"""CKAN's ``status_show`` and ``/api/util/status``: what a harvester asks first.

udata's CKAN harvester reads ``/api/util/status`` to check the source is a CKAN; both
answer the site's title, URL, the CKAN version whose API we follow and the extensions we
stand in for (``datastore``). ``help_show`` gives an action's documentation.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from typing import Any

from territoria import __version__
from territoria.api.ckan.envelope import missing
from territoria.api.ckan.lookup import Call, not_found
from territoria.api.ckan.params import text
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


def help_show(
    actions: Mapping[str, Callable[[Call, dict[str, Any]], Any]],
) -> Callable[[Call, dict[str, Any]], str]:
    """CKAN's ``help_show`` over ``actions``: the documentation of the action ``name``, the
    page every answer's ``help`` link points at."""

    def show(call: Call, params: dict[str, Any]) -> str:
        name = text(params, "name")
        if not name:
            raise missing("name")
        closed = name == "datastore_search_sql" and not call.state.settings.ckan_datastore_sql
        if closed or (name not in actions and name != "help_show"):
            raise not_found("Action", "Action", name)
        if name == "help_show":
            return inspect.cleandoc(help_show.__doc__ or "")
        return inspect.cleandoc(actions[name].__doc__ or name)

    return show
