"""French text analysis for search: accents and case dropped, stop words out, words stemmed.

Documents and queries go through the very same steps, so ``dechet``, ``Déchets`` and
``DÉCHETS`` meet on one stem (``dechet``), and ``subvention`` finds "Subventions". Accents are
dropped *before* stemming so that a query typed without accents stems exactly as the accented
text does (Snowball's French stemmer would otherwise treat ``é`` and ``e`` differently).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

_WORD = re.compile(r"[a-z0-9]+")
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
# the commonest French and English function words: they would match every dataset
_STOP_TEXT = (
    "a au aux avec ce ces d dans de des du en et l la le les leur leurs ou par pour qu que "
    "qui sa se ses son sur un une the of and or in on for to by with an"
)
STOP_WORDS = frozenset(_STOP_TEXT.split())
_STEMMER = snowballstemmer.stemmer("french")


def fold(text: str) -> str:
    """``Déchets ménagers`` → ``dechets menagers``: no accents, lower case; ``œ`` → ``oe``."""
    if text.isascii():  # most of a catalogue: nothing to decompose
        return text.lower()
    text = text.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE")
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text)).lower()


@lru_cache(maxsize=65_536)
def stem(word: str) -> str:
    """The French stem of a folded word (cached: a catalogue repeats its words a lot)."""
    return str(_STEMMER.stemWord(word))


def words(text: str) -> list[str]:
    """The folded words of ``text`` (``cycle_de_vie`` and ``N°Voie`` split too)."""
    return _WORD.findall(fold(text))


def terms(text: str) -> list[str]:
    """The search terms of ``text``: its words, stop words removed, stemmed."""
    return [stem(word) for word in words(text) if word not in STOP_WORDS]


def query_terms(text: str) -> list[tuple[str, str]]:
    """``(stem, word)`` of each searchable word of a query, once each: the stem matches
    words of the same stem, the folded word begins longer ones (a word being typed, whose
    stem is meaningless: ``sanis`` stems to ``san``)."""
    seen = {(stem(word), word) for word in words(text) if word not in STOP_WORDS}
    return sorted(seen)
