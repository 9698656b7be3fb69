"""French value conventions used by inference: codes, label hints, placeholders, words, numbers."""

from __future__ import annotations

import re
import unicodedata

PLACEHOLDERS = ("NC", "nc", "N/A", "n/a", "N/D", "-", "s.o.", "S.O.", "so")
"""Written for a missing figure in French tables (non communiqué, sans objet…)."""

# registry of identifier codes: name -> (pattern constraint, label tokens)
CODE_PATTERNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "insee": (
        "(?:[0-9]{2}|2[AB])[0-9]{3}",
        ("insee", "code_insee", "codgeo", "code_commune", "com", "depcom", "insee_com"),
    ),
    "postal": ("[0-9]{5}", ("cp", "code_postal", "codepostal", "postal", "code_post")),
    "siren": ("[0-9]{9}", ("siren",)),
    "siret": ("[0-9]{14}", ("siret",)),
}
PHONE_TOKENS = ("tel", "telephone", "phone", "portable", "fax", "mobile")
CODE_TOKENS = ("code", "id", "identifiant", "dep", "reg", "num_dep", "uai", "finess", "rna")
COORDINATE_TOKENS = ("lat", "lon", "lng", "latitude", "longitude", "long", "x", "y")
YEAR_TOKENS = ("annee", "year", "millesime", "exercice")

PHONE = re.compile(r"^(?:\+33 ?|0)[1-9](?:[ .-]?[0-9]{2}){4}$")
INTEGER = re.compile(r"^-?(?:0|[1-9][0-9]*)$")
DOT_DECIMAL = re.compile(r"^-?[0-9]+\.[0-9]+$|^-?\.[0-9]+$")
COMMA_DECIMAL = re.compile(r"^-?[0-9]+(?:,[0-9]+)?$")
GROUPED = re.compile(r"^-?[0-9]{1,3}(?:([ \u00a0\u202f.])[0-9]{3})+(?:,[0-9]+)?$")
LEADING_ZERO = re.compile(r"^0[0-9]+$")

BOOLEAN_WORDS = {
    "oui": True, "non": False, "vrai": True, "faux": False, "true": True, "false": False,
}  # fmt: skip
DATE_SHAPES = (
    (re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"), "default"),
    (re.compile(r"^[0-9]{2}/[0-9]{2}/[0-9]{4}$"), "%d/%m/%Y"),
    (re.compile(r"^[0-9]{2}-[0-9]{2}-[0-9]{4}$"), "%d-%m-%Y"),
)
DATETIME_SHAPES = (
    (re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}"), "default"),
    (re.compile(r"^[0-9]{2}/[0-9]{2}/[0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2}$"), "%d/%m/%Y %H:%M:%S"),
    (re.compile(r"^[0-9]{2}/[0-9]{2}/[0-9]{4} [0-9]{2}:[0-9]{2}$"), "%d/%m/%Y %H:%M"),
)


def label_tokens(label: str) -> tuple[str, set[str]]:
    """The label without accents, lower-cased, ``_``-joined, and its set of words."""
    plain = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode("ascii")
    joined = re.sub(r"[^a-z0-9]+", "_", plain.lower()).strip("_")
    return joined, set(joined.split("_"))


def code_kind(label: str) -> str | None:
    """Which identifier code the label names (``insee``, ``postal``, ``siren``, ``siret``)."""
    joined, words = label_tokens(label)
    for kind, (_, tokens) in CODE_PATTERNS.items():
        if joined in tokens or words & set(tokens) - {"com"}:
            return kind
    return None


def label_says(label: str, tokens: tuple[str, ...]) -> bool:
    """Whether the label is, or contains as a word, one of ``tokens``."""
    joined, words = label_tokens(label)
    return joined in tokens or bool(words & set(tokens))
