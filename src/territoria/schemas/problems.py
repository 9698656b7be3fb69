"""The one way a schema problem is raised: a bilingual SchemaError naming the schema."""

from __future__ import annotations

from typing import NoReturn

from territoria.errors import SchemaError


def fail(
    source: str | None, fr: str, en: str, hint_fr: str | None = None, hint_en: str | None = None
) -> NoReturn:
    """Raise the :class:`SchemaError` for one problem of the schema at ``source``."""
    raise SchemaError(fr, en, path=source, hint_fr=hint_fr, hint_en=hint_en)
