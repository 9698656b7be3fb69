"""Which constraint a write broke, named the same on SQLite and PostgreSQL."""

from __future__ import annotations

import re

from sqlalchemy import PrimaryKeyConstraint, UniqueConstraint
from sqlalchemy.exc import IntegrityError

from territoria.catalog.models import Base

_SQLITE_UNIQUE = re.compile(r"UNIQUE constraint failed: ([\w., ]+)")
_SQLITE_CHECK = re.compile(r"CHECK constraint failed: (\w+)")


def _unique_on(columns: list[str]) -> str | None:
    """The name of the unique (or primary key) constraint on ``table.column`` list."""
    for table in Base.metadata.tables.values():
        for constraint in table.constraints:
            if isinstance(constraint, UniqueConstraint | PrimaryKeyConstraint):
                names = [f"{table.name}.{column.name}" for column in constraint.columns]
                if names == columns and isinstance(constraint.name, str):
                    return constraint.name
    return None


def violated_constraint(error: IntegrityError) -> str | None:
    """The name of the unique or check constraint ``error`` broke, None when not told.

    PostgreSQL names the constraint (psycopg's ``diag``); SQLite names a check constraint but
    only the columns of a unique one, which the models map back to the constraint's name.
    """
    diag = getattr(error.orig, "diag", None)
    if diag is not None:
        name = getattr(diag, "constraint_name", None)
        return name if isinstance(name, str) else None
    message = str(error.orig)
    if match := _SQLITE_UNIQUE.search(message):
        return _unique_on([column.strip() for column in match.group(1).split(",")])
    if match := _SQLITE_CHECK.search(message):
        return match.group(1)
    return None
