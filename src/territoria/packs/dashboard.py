"""The dashboard layout of a pack (pydantic): which indicators, which charts, which map."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from territoria.indicators.model import Level, Localised


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Chart(_Strict):
    """One chart: a line over periods, or bars by one dimension (the latest period)."""

    indicator: str
    type: Literal["line", "bar"]
    by: str = "periode"  # the x axis: periode, or a dimension column
    title: Localised | None = None


class MapView(_Strict):
    """The choropleth map of one indicator at one level."""

    indicator: str
    level: Level


class Dashboard(_Strict):
    """What a pack's page shows, in order."""

    indicators: list[str] = Field(default_factory=list)
    charts: list[Chart] = Field(default_factory=list)
    map: MapView | None = None
