"""How two versions are compared: their columns and types, the key rows are matched on, and
the SQL value of each compared column on either side."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from territoria.errors import UserError
from territoria.services.version_diff import (
    ChangedRow,
    ColumnsDiff,
    ColumnType,
    Retyped,
    RowSample,
)

TABLE = "territoria_diff_rows"  # the differing rows, materialised on the diff's connection

_NUMERIC = frozenset(
    {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "FLOAT", "DOUBLE"}
    | {"UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT"}
)


def quote(name: str) -> str:
    """A column name as a DuckDB identifier, whatever characters the user's header had."""
    return '"' + name.replace('"', '""') + '"'


def text(value: str) -> str:
    """A DuckDB string literal."""
    return "'" + value.replace("'", "''") + "'"


def _numeric(storage: str) -> bool:
    return storage in _NUMERIC or storage.startswith("DECIMAL")


@dataclass(frozen=True)
class Side:
    """One version as the diff sees it: its Parquet file, columns in file order, primary key."""

    number: int
    path: Path
    columns: tuple[ColumnType, ...]
    primary_key: tuple[str, ...]

    @property
    def names(self) -> list[str]:
        """Column names in file order."""
        return [c.name for c in self.columns]

    def column(self, name: str) -> ColumnType:
        """The column called ``name``."""
        return next(c for c in self.columns if c.name == name)

    @property
    def source(self) -> str:
        """The SQL table of the version's rows."""
        return f"read_parquet({text(str(self.path))})"


def describe(
    con: duckdb.DuckDBPyConnection, number: int, path: Path, schema: dict[str, Any] | None
) -> Side:
    """A version's columns typed by its stored schema (the Parquet type where it has no field)."""
    stored = con.execute("DESCRIBE SELECT * FROM read_parquet(?)", [str(path)]).fetchall()
    declared = {f.get("name"): f.get("type", "string") for f in (schema or {}).get("fields", [])}
    columns = tuple(
        ColumnType(name, str(declared.get(name) or storage.lower()), storage)
        for name, storage, *_ in stored
    )
    key = (schema or {}).get("primaryKey") or ()
    return Side(number, path, columns, (key,) if isinstance(key, str) else tuple(key))


def compare_columns(a: Side, b: Side) -> ColumnsDiff:
    """Columns added in B, removed from A, and retyped (Table Schema or storage type changed)."""
    retyped = tuple(
        Retyped(a.column(c.name), c)
        for c in b.columns
        if c.name in a.names
        and (a.column(c.name).type, a.column(c.name).storage) != (c.type, c.storage)
    )
    return ColumnsDiff(
        added=tuple(c for c in b.columns if c.name not in a.names),
        removed=tuple(c for c in a.columns if c.name not in b.names),
        retyped=retyped,
    )


def common_columns(a: Side, b: Side) -> tuple[str, ...]:
    """The columns both versions have, in B's order: the ones rows are compared on."""
    return tuple(name for name in b.names if name in a.names)


def value(side: Side, other: Side, name: str) -> str:
    """Column ``name`` of ``side`` as compared with ``other``: as stored when both store the
    same type, as DOUBLE when both are numbers (an integer column that became a number keeps
    its values equal), else as text."""
    mine, theirs = side.column(name).storage, other.column(name).storage
    if mine == theirs:
        return quote(name)
    if _numeric(mine) and _numeric(theirs):
        return f"CAST({quote(name)} AS DOUBLE)"
    return f"CAST({quote(name)} AS VARCHAR)"


def _unique(con: duckdb.DuckDBPyConnection, side: Side, key: tuple[str, ...]) -> bool:
    """Whether ``key`` identifies each row of ``side`` (no duplicate, no empty part)."""
    parts = ", ".join(quote(k) for k in key)
    nulls = " OR ".join(f"{quote(k)} IS NULL" for k in key)
    sql = f"SELECT count(*) = count(DISTINCT ({parts})), NOT bool_or({nulls}) FROM {side.source}"
    found = con.execute(sql).fetchone()
    return found is not None and found[0] is True and found[1] is not False


def choose_key(
    con: duckdb.DuckDBPyConnection, a: Side, b: Side
) -> tuple[tuple[str, ...], tuple[str, str] | None]:
    """The primary key rows are matched on (B's, else A's) and, when one is declared but
    cannot be used, why (French, English); ``()`` means compare whole rows.

    A version validated against a schema declaring the key holds unique keys already; the
    other one is checked, since joining on a duplicated key would count rows twice.
    """
    key = b.primary_key or a.primary_key
    if not key:
        return (), None
    shown = ", ".join(key)
    missing = [k for k in key if k not in a.names or k not in b.names]
    if missing:
        return (), (
            f"clé primaire ({shown}) absente d'une des versions : lignes comparées par contenu",
            f"primary key ({shown}) missing from one version: rows compared by content",
        )
    for side in (a, b):
        if side.primary_key != key and not _unique(con, side, key):
            return (), (
                f"clé primaire ({shown}) non unique dans la version {side.number} : "
                "lignes comparées par contenu",
                f"primary key ({shown}) not unique in version {side.number}: "
                "rows compared by content",
            )
    return key, None


class DiffKeyError(UserError):
    """A key asked for a diff that cannot match rows: a column missing, or values repeated."""

    code = "invalid-diff-key"


def require_key(
    con: duckdb.DuckDBPyConnection, a: Side, b: Side, key: tuple[str, ...]
) -> tuple[str, ...]:
    """``key``, chosen by the user, once checked: in both versions and unique in each."""
    shown = ", ".join(key)
    for side in (a, b):
        missing = [k for k in key if k not in side.names]
        if missing:
            raise DiffKeyError(
                f"clé ({shown}) : colonne(s) {', '.join(missing)} absente(s) de la version "
                f"{side.number}",
                f"key ({shown}): column(s) {', '.join(missing)} missing from version {side.number}",
                hint_fr=f"colonnes : {', '.join(side.names)}",
                hint_en=f"columns: {', '.join(side.names)}",
                details={"key": list(key), "missing": missing, "version": side.number},
            )
        if not _unique(con, side, key):
            raise DiffKeyError(
                f"clé ({shown}) non unique ou vide dans la version {side.number}",
                f"key ({shown}) not unique or empty in version {side.number}",
                hint_fr="choisissez des colonnes qui identifient chaque ligne, ou aucune clé",
                hint_en="choose columns that identify each row, or no key",
                details={"key": list(key), "version": side.number},
            )
    return key


@dataclass
class RowChanges:
    """Counts and samples of the rows that differ."""

    added: int = 0
    removed: int = 0
    changed: int = 0
    changed_fields: dict[str, int] = field(default_factory=dict)
    sample_added: list[RowSample] = field(default_factory=list)
    sample_removed: list[RowSample] = field(default_factory=list)
    sample_changed: list[ChangedRow] = field(default_factory=list)
