"""The portal's languages: French source strings, English from the gettext catalogues.

Templates and routes write French (``_("Rechercher")``); ``locale/en/*.po`` translate them,
one catalogue per page so pages evolve independently. A string without a translation shows
in French, and a test fails for any template string the English catalogues miss.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po
from starlette.requests import Request

LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"
LANG_COOKIE = "territoria_lang"
BABEL_LOCALES = {"fr": "fr_FR", "en": "en_GB"}

Translate = Callable[[str], str]


@cache
def catalogue(lang: str) -> dict[str, str]:
    """Every translated message of ``lang`` (French needs none: it is the source)."""
    messages: dict[str, str] = {}
    folder = LOCALE_DIR / lang
    if lang == DEFAULT_LANGUAGE or not folder.is_dir():
        return messages
    for po_file in sorted(folder.glob("*.po")):
        with po_file.open("rb") as handle:
            for message in read_po(handle):
                ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
                strings = (
                    message.string
                    if isinstance(message.string, tuple | list)
                    else (message.string,)
                )
                for msgid, msgstr in zip(ids, strings, strict=False):
                    if msgid and msgstr:
                        messages[str(msgid)] = str(msgstr)
    return messages


def translator(lang: str) -> Translate:
    """``gettext`` for ``lang``: the English of a French message, or the French itself."""
    messages = catalogue(lang)

    def translate(message: str) -> str:
        return messages.get(message, message)

    return translate


def ntranslator(lang: str) -> Callable[[str, str, int], str]:
    """``ngettext`` for ``lang``: French singular/plural chosen by ``count`` (French puts 0
    and 1 in the singular), then translated."""
    translate = translator(lang)

    def ntranslate(singular: str, plural: str, count: int) -> str:
        if lang == DEFAULT_LANGUAGE:
            return singular if abs(count) < 2 else plural
        english_singular = translate(singular)
        english_plural = translate(plural)
        return english_singular if count == 1 else english_plural

    return ntranslate


def request_language(request: Request) -> str:
    """The visitor's language: ``?lang=`` (scripts, shared links), then the cookie the
    language switch sets, then French."""
    for candidate in (request.query_params.get("lang"), request.cookies.get(LANG_COOKIE)):
        if candidate in LANGUAGES:
            return str(candidate)
    return DEFAULT_LANGUAGE


def pick(text: dict[str, str] | str | None, lang: str) -> str:
    """The ``lang`` side of a ``{"fr": …, "en": …}`` text of the domain (titles of packs and
    indicators), falling back to French."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    return text.get(lang) or text.get(DEFAULT_LANGUAGE) or next(iter(text.values()), "")
