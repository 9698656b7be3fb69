"""The indicator spec model (pydantic): what one ``packs/<pack>/indicators/<name>.yaml`` holds."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag

Kind = Literal["count", "sum", "ratio", "rate", "share"]
Polarity = Literal["higher-is-better", "lower-is-better", "neutral"]
Granularity = Literal["year", "quarter", "month", "day"]
Level = Literal["commune", "epci", "departement", "region", "pays"]
FilterOp = Literal["eq", "ne", "in", "not-in", "gt", "ge", "lt", "le", "is-null", "not-null"]
Scalar = str | int | float | bool

GRANULARITY_PATTERNS: dict[str, str] = {
    "year": r"^[0-9]{4}$",
    "quarter": r"^[0-9]{4}-Q[1-4]$",
    "month": r"^[0-9]{4}-(0[1-9]|1[0-2])$",
    "day": r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$",
}
"""The text of a period at each granularity: ``2022``, ``2022-Q1``, ``2022-03``, ``2022-03-05``."""


class _Strict(BaseModel):
    """Unknown keys are refused, models are immutable (specs are shared between threads)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Localised(_Strict):
    """A text in French and English."""

    fr: str
    en: str


class Filter(_Strict):
    """One condition on a column; a spec's filters are AND-ed."""

    column: str
    op: FilterOp
    value: Scalar | list[Scalar] | None = None


class ColumnMeasure(_Strict):
    """Σ of a numeric column."""

    column: str
    filters: list[Filter] = Field(default_factory=list)


class ExprMeasure(_Strict):
    """Σ of a SQL expression over the columns (parsed and whitelisted, never pasted)."""

    expr: str
    filters: list[Filter] = Field(default_factory=list)


class CountMeasure(_Strict):
    """The number of rows."""

    count: Literal[True]
    filters: list[Filter] = Field(default_factory=list)


class IndicatorMeasure(_Strict):
    """The numerator of another indicator of the same pack (``{indicator: pack.name}``)."""

    indicator: str
    filters: list[Filter] = Field(default_factory=list)


class PopulationDenominator(_Strict):
    """The COG population: of the contributing source-level territories, or of the whole
    aggregated territory (``over: all``, for registers that list everything)."""

    population: Literal["inhabitants"]
    over: Literal["contributing", "all"] = "contributing"


_MEASURE_KEYS = ("column", "expr", "count", "indicator", "population")


def _measure_tag(value: Any) -> str | None:
    """Which variant a measure is, by the key it holds (clear errors instead of a union's)."""
    if isinstance(value, BaseModel):
        value = value.model_dump()
    if isinstance(value, dict):
        for key in _MEASURE_KEYS:
            if key in value:
                return key
    return None


Measure = Annotated[
    Annotated[ColumnMeasure, Tag("column")]
    | Annotated[ExprMeasure, Tag("expr")]
    | Annotated[CountMeasure, Tag("count")]
    | Annotated[IndicatorMeasure, Tag("indicator")],
    Discriminator(
        _measure_tag,
        custom_error_type="measure_kind",
        custom_error_message="expected one of column, expr, count, indicator",
    ),
]
Denominator = Annotated[
    Annotated[ColumnMeasure, Tag("column")]
    | Annotated[ExprMeasure, Tag("expr")]
    | Annotated[CountMeasure, Tag("count")]
    | Annotated[IndicatorMeasure, Tag("indicator")]
    | Annotated[PopulationDenominator, Tag("population")],
    Discriminator(
        _measure_tag,
        custom_error_type="measure_kind",
        custom_error_message="expected one of column, expr, count, indicator, population",
    ),
]


class TerritoryColumn(_Strict):
    """The column holding resolved ``level:code`` ids, and the level of those ids."""

    column: str = "territoire"
    level: Level


class PeriodColumn(_Strict):
    """The column holding periods as text, and their granularity."""

    column: str = "periode"
    granularity: Granularity


class Target(_Strict):
    """A value to reach by a period."""

    period: str
    value: float


class Threshold(_Strict):
    """A named level on the indicator's scale."""

    value: float
    label: Localised


class IndicatorSpec(_Strict):
    """One indicator: how to compute it from a pack dataset, and how to present it."""

    id: str
    title: Localised
    description: str = ""
    method: str = ""
    unit: Localised
    polarity: Polarity = "neutral"
    kind: Kind
    source: str
    territory: TerritoryColumn
    period: PeriodColumn
    dimensions: list[str] = Field(default_factory=list)
    filters: list[Filter] = Field(default_factory=list)
    numerator: Measure
    denominator: Denominator | None = None
    per: float | None = None
    decimals: int | None = Field(default=None, ge=0, le=10)
    targets: list[Target] = Field(default_factory=list)
    thresholds: list[Threshold] = Field(default_factory=list)

    @property
    def pack(self) -> str:
        """The pack part of ``<pack>.<name>``."""
        return self.id.partition(".")[0]

    @property
    def name(self) -> str:
        """The name part of ``<pack>.<name>`` (the YAML file's stem)."""
        return self.id.partition(".")[2]

    @property
    def scale(self) -> float:
        """The factor applied to Σnum/Σden: ``per``, 100 for a share, 1 otherwise."""
        if self.per is not None:
            return self.per
        return 100.0 if self.kind == "share" else 1.0

    @property
    def has_denominator(self) -> bool:
        """Whether results carry a denominator (ratio, rate, share)."""
        return self.kind in ("ratio", "rate", "share")

    def references(self) -> list[tuple[tuple[str, ...], str]]:
        """The ``{indicator: id}`` references of this spec, each with its key path."""
        found: list[tuple[tuple[str, ...], str]] = []
        for key in ("numerator", "denominator"):
            measure = getattr(self, key)
            if isinstance(measure, IndicatorMeasure):
                found.append(((key, "indicator"), measure.indicator))
        return found
