"""The period of tidy rows: from a column (``16`` → ``2016``, ISO or French dates), from the
file name (``faits2010`` → ``2010``), the latest date of a register, or a constant."""

from __future__ import annotations

import re

import pyarrow as pa
import pyarrow.compute as pc

from territoria.errors import UserError
from territoria.packs.cells import per_distinct
from territoria.packs.manifest import PeriodMap

_YEAR = re.compile(r"^\d{4}$")
_YY = re.compile(r"^\d{1,2}$")
_ISO = re.compile(r"^(\d{4})-\d{2}-\d{2}")
_DMY = re.compile(r"^\d{1,2}/\d{1,2}/(\d{4})$")


class PeriodNotFoundError(UserError):
    """The period the mapping reads from the file name, or a register's dates, is absent."""

    code = "period-not-found"


def year_of(text: str | None, form: str) -> str | None:
    """The year of one cell in ``form`` (yyyy, yy, date, dmy), None when it does not fit."""
    value = (text or "").strip()
    if value.endswith(".0"):  # a spreadsheet's 2016.0
        value = value[:-2]
    if form == "yyyy":
        return value if _YEAR.match(value) else None
    if form == "yy":
        return (
            f"20{int(value):02d}" if _YY.match(value) else (value if _YEAR.match(value) else None)
        )
    found = (_ISO if form == "date" else _DMY).match(value)
    return found.group(1) if found else None


def periods(spec: PeriodMap, column: pa.Array | None, filename: str, size: int) -> pa.Array:
    """One period per row (null where a cell does not fit the format: reported by the caller)."""
    if spec.value is not None:
        return pa.repeat(pa.scalar(spec.value, pa.string()), size)
    if spec.filename is not None:
        found = re.search(spec.filename, filename)
        if found is None:
            raise PeriodNotFoundError(
                f"période introuvable dans le nom « {filename} » (motif {spec.filename})",
                f"no period in the file name '{filename}' (pattern {spec.filename})",
                hint_fr="nommez le fichier avec son année, par exemple faits2010.csv",
                hint_en="name the file with its year, for instance faits2010.csv",
                details={"file": filename, "pattern": spec.filename},
            )
        return pa.repeat(pa.scalar(found.group(1), pa.string()), size)
    assert column is not None
    years = per_distinct(column, lambda cell: year_of(cell, spec.format))
    if spec.latest is None:
        return years
    latest = pc.max(years).as_py()
    if latest is None:
        raise PeriodNotFoundError(
            f"aucune date lisible dans la colonne « {spec.latest} »",
            f"no readable date in the column '{spec.latest}'",
            details={"column": spec.latest},
        )
    return pa.repeat(pa.scalar(latest, pa.string()), size)
