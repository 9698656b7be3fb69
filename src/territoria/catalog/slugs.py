"""Dataset slugs: the one rule that makes a name safe in URLs, file paths and SQL views."""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePath

from territoria.errors import UserError

SLUG_PATTERN = re.compile(r"[a-z0-9-]{1,100}")


class InvalidSlugError(UserError):
    """A dataset slug that is not 1–100 lowercase letters, digits or hyphens."""

    code = "invalid-slug"


def validate_slug(slug: str) -> str:
    """Return ``slug`` unchanged if valid, else raise :class:`InvalidSlugError` (FR/EN)."""
    if SLUG_PATTERN.fullmatch(slug):
        return slug
    raise InvalidSlugError(
        f"Identifiant de jeu de données invalide : « {slug[:120]} ».",
        f"Invalid dataset identifier: '{slug[:120]}'.",
        hint_fr="Utilisez 1 à 100 lettres minuscules, chiffres ou tirets (ex. : subventions-2024).",
        hint_en="Use 1 to 100 lowercase letters, digits or hyphens (e.g. subventions-2024).",
        details={"slug": slug[:120]},
    )


def slug_from_filename(path: str | PurePath) -> str:
    """The slug a file name gives (``Subventions 2024 (v2).csv`` → ``subventions-2024-v2``):
    its stem without accents, lowercased, each run of other characters one hyphen, cut to 100.
    A name with nothing left raises :class:`InvalidSlugError`."""
    stem = PurePath(path).stem
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_stem.lower()).strip("-")[:100].rstrip("-")
    return validate_slug(slug or stem)
