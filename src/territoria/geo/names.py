"""Name keys matching a commune however a file spells it (accents, case, hyphens, articles)."""

from __future__ import annotations

import re
import unicodedata

_TRAILING_ARTICLE = re.compile(r"\s*\((?:l'|l’|le|la|les)\)\s*$", re.IGNORECASE)
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
_ARTICLES = frozenset({"l", "le", "la", "les"})
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}


def name_key(name: str) -> str:
    """The comparable form of a place name: ``L'Abergement-Clémenciat``, ``ABERGEMENT
    CLEMENCIAT`` and ``Abergement-Clémenciat (L')`` all give ``abergement clemenciat``; ``St
    Etienne`` and ``Saint-Étienne`` give ``saint etienne``. The leading article goes because
    INSEE's uppercase ``NCC`` column drops it while the official name keeps it."""
    text = _TRAILING_ARTICLE.sub("", name)
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = text.replace("œ", "oe").replace("æ", "ae")
    words = _NOT_ALNUM.sub(" ", text).split()
    if len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    return " ".join(_ABBREVIATIONS.get(word, word) for word in words)


_ARRONDISSEMENT = re.compile(
    r"^(paris|marseille|lyon) (\d{1,2}) ?(?:er|e|eme|ieme|re)?"
    r"(?: (?:arrondissement|arrondissements|arrdt|ardt|arr))?$"
)


def arrondissement_key(key: str) -> str | None:
    """``paris 1``, ``lyon 2``… for the name key of an arrondissement municipal however it is
    spelt (``PARIS 1ER ARRONDISSEMENT``, ``Marseille 3e Arrondissement``, ``LYON 2EME``,
    ``Paris 01``); None for any other name."""
    found = _ARRONDISSEMENT.match(key)
    return f"{found.group(1)} {int(found.group(2))}" if found else None
