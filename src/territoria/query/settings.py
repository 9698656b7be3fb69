"""The ``timezone`` and ``lang`` parameters of a request, checked as Opendatasoft checks them."""

from __future__ import annotations

import contextlib
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from territoria.query.errors import ODSQLError

LANGUAGES = frozenset(
    {
        "fr",
        "en",
        "de",
        "es",
        "it",
        "nl",
        "pt",
        "ca",
        "eu",
        "ar",
        "sv",
        "fi",
        "da",
        "no",
        "pl",
        "ro",
        "ru",
        "cs",
        "sk",
        "hu",
    }
)
"""Languages a request may name; Territoria's text search is the same in each (no stemming)."""


@cache
def _zones() -> frozenset[str]:
    return frozenset(available_timezones())


def check_timezone(name: str | None) -> str:
    """``Europe/Paris`` (an IANA zone) or UTC when absent; anything else is an ODSQLError."""
    zone = (name or "UTC").strip() or "UTC"
    if zone == "UTC" or zone in _zones():
        with contextlib.suppress(ZoneInfoNotFoundError, ValueError):  # listed, not installed
            ZoneInfo(zone)
            return zone
    raise ODSQLError(
        f"fuseau horaire inconnu « {zone[:60]} » (IANA attendu, par exemple Europe/Paris)",
        f"unknown timezone '{zone[:60]}' (an IANA zone expected, e.g. Europe/Paris)",
        details={"clause": "timezone", "token": zone[:60]},
    )


def check_lang(lang: str | None) -> None:
    """Accept an absent lang or a known ISO 639-1 code, as Opendatasoft does."""
    if lang is None or lang.strip().lower() in LANGUAGES:
        return
    raise ODSQLError(
        f"langue inconnue « {lang[:20]} »",
        f"unknown lang '{lang[:20]}'",
        hint_fr="codes acceptés : " + ", ".join(sorted(LANGUAGES)),
        hint_en="accepted codes: " + ", ".join(sorted(LANGUAGES)),
        details={"clause": "lang", "token": lang[:20]},
    )
