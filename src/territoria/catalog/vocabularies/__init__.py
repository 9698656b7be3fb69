"""Controlled vocabularies of the catalogue (licences, themes, frequencies), each defined once.

A term has a stable ``id`` (what the catalogue stores), French and English labels and a URI
(what DCAT-AP exports). Users may write a term many ways (``lov2``, ``Licence Ouverte 2.0``,
its URI, ``annuelle``): :meth:`Vocabulary.resolve` maps every spelling to the one term and
refuses an unknown value with a bilingual error that lists what is accepted.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from territoria.errors import UserError

_SEPARATORS = re.compile(r"[^a-z0-9]+")


class UnknownTermError(UserError):
    """A value outside a controlled vocabulary."""

    code = "unknown-term"


def spelling_key(text: str) -> str:
    """``Licence Ouverte 2.0`` → ``licence-ouverte-2-0``: how spellings are compared
    (accents, case and punctuation ignored)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _SEPARATORS.sub("-", ascii_text.strip().lower()).strip("-")


@dataclass(frozen=True)
class Term:
    """One term: stored ``id``, labels, URI, other accepted spellings, and (for our own
    themes) the EU data theme it narrows, so that DCAT-AP exports stay in the EU vocabulary."""

    id: str
    label_fr: str
    label_en: str
    uri: str
    aliases: tuple[str, ...] = ()
    broader: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The term as the metadata dict shows it."""
        return {"id": self.id, "label": self.label_fr, "labelEn": self.label_en, "uri": self.uri}

    def spellings(self) -> Iterable[str]:
        """Every text that names this term."""
        yield from (self.id, self.label_fr, self.label_en, self.uri, *self.aliases)
        yield self.uri.rstrip("/")


@dataclass
class Vocabulary:
    """A list of terms looked up by any of their spellings."""

    name_fr: str
    name_en: str
    terms: tuple[Term, ...]
    _index: dict[str, Term] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        for term in reversed(self.terms):  # on a shared spelling, the first term wins
            for spelling in term.spellings():
                self._index[spelling_key(spelling)] = term
        for term in self.terms:  # an id names its own term, whatever labels look like it
            self._index[spelling_key(term.id)] = term

    def get(self, value: str) -> Term | None:
        """The term spelt ``value``, or None."""
        return self._index.get(spelling_key(value))

    def resolve(self, value: str) -> Term:
        """The term spelt ``value``; :class:`UnknownTermError` listing the ids otherwise."""
        term = self.get(value)
        if term is None:
            accepted = ", ".join(t.id for t in self.terms)
            raise UnknownTermError(
                f"{self.name_fr.capitalize()} inconnue : « {value} » ; "
                f"valeurs acceptées : {accepted}.",
                f"Unknown {self.name_en}: '{value}'; accepted values: {accepted}.",
                hint_fr="un identifiant, un libellé ou l'URI de la liste",
                hint_en="an id, a label or the URI from the list",
                details={"value": value, "accepted": [t.id for t in self.terms]},
            )
        return term

    def shown(self, stored: str) -> dict[str, Any]:
        """A stored value as the metadata dict shows it; a legacy free-text value (written
        before the vocabulary existed) is shown as it is, without a URI."""
        term = self.get(stored)
        if term is not None:
            return term.to_dict()
        return {"id": stored, "label": stored, "labelEn": stored, "uri": None}
