"""The pack manifest model (pydantic): what one ``packs/<id>/pack.yaml`` holds."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from territoria.indicators.model import Localised

ReferenceKind = Literal["commune", "departement", "postal-code", "name"]
PeriodFormat = Literal["yyyy", "yy", "date", "dmy"]


class _Strict(BaseModel):
    """Unknown keys are refused, models are immutable (packs are shared between threads)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class FieldMap(_Strict):
    """Where one tidy field comes from: a raw column (optionally split, recoded, cut to a
    date), a constant, or the code of the row's resolved territory (``territory: code``)."""

    column: str | None = None
    value: str | None = None
    territory: Literal["code"] | None = None
    split: str | None = None  # separator: keep the part at ``part``
    part: int = 0
    values: dict[str, str] = Field(default_factory=dict)  # raw value → tidy value
    date: bool = False  # keep the leading YYYY-MM-DD of an ISO timestamp

    @model_validator(mode="after")
    def _one_source(self) -> FieldMap:
        if sum(x is not None for x in (self.column, self.value, self.territory)) != 1:
            raise ValueError("give exactly one of column, value, territory")
        return self


class TerritoryMap(_Strict):
    """The territory reference column, how to resolve it, and whether it is required."""

    column: str
    kind: ReferenceKind
    name_column: str | None = None  # commune names helping postal codes
    departement: str | None = None  # narrows names (one code for the whole file)
    required: bool = False  # unresolved references refuse the file


class PeriodMap(_Strict):
    """The period: from a column, from the file name (a regex with one group), the latest
    date of a column (a register's snapshot year), or a constant."""

    column: str | None = None
    format: PeriodFormat = "yyyy"
    filename: str | None = None
    latest: str | None = None
    value: str | None = None

    @model_validator(mode="after")
    def _one_source(self) -> PeriodMap:
        given = [x for x in (self.column, self.filename, self.latest, self.value) if x]
        if len(given) != 1:
            raise ValueError("give exactly one of column, filename, latest, value")
        return self


class Unpivot(_Strict):
    """Wide to long: each group of columns becomes one row keyed by ``key``. Without
    ``groups``, every column but ``keep`` is a group of one column named ``value``."""

    key: str
    value: str | None = None
    keep: list[str] = Field(default_factory=list)
    groups: dict[str, dict[str, str]] | None = None  # key value → {virtual column: header}

    @model_validator(mode="after")
    def _shape(self) -> Unpivot:
        if (self.groups is None) == (self.value is None):
            raise ValueError("give either groups, or value (every column but keep)")
        return self


class Mapping(_Strict):
    """One known publication variant: the headers that identify it and how its columns
    become the tidy fields."""

    name: str
    title: str = ""
    match: list[str]
    unpivot: Unpivot | None = None
    territory: TerritoryMap
    period: PeriodMap
    fields: dict[str, FieldMap] = Field(default_factory=dict)


class DatasetSpec(_Strict):
    """A dataset the territory fills, by role: its slug, title, schema and mappings."""

    slug: str | None = None  # default <pack>-<role>
    title: Localised
    description: str = ""
    schema_: str = Field(alias="schema")  # a bundled national schema name, or schemas/<role>.json
    mappings: list[Mapping]


class PackManifest(_Strict):
    """The manifest of a pack."""

    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    version: str
    title: Localised
    description: str = ""
    themes: list[str] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    datasets: dict[str, DatasetSpec]
