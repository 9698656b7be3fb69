"""Rule: the dashboard shows indicators of its pack, charted by a period or a dimension."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from territoria.indicators.issues import Issue
from territoria.packs.rules.base import PackContext

if TYPE_CHECKING:
    from territoria.packs.pack import Pack


class DashboardRule:
    """An indicator the pack does not define (or that did not load), or a chart's ``by``
    that is neither ``periode`` nor one of its indicator's dimensions."""

    def check(self, pack: Pack, context: PackContext) -> Iterator[Issue]:
        file = pack.folder / "dashboard.yaml"
        specs = {spec.id: spec for spec in pack.indicators}
        board = pack.dashboard
        named: list[tuple[tuple[str | int, ...], str]] = [
            (("indicators", i), ref) for i, ref in enumerate(board.indicators)
        ]
        named += [(("charts", i, "indicator"), c.indicator) for i, c in enumerate(board.charts)]
        if board.map is not None:
            named.append((("map", "indicator"), board.map.indicator))
        for loc, ref in named:
            if ref not in specs:
                yield context.error(
                    file,
                    loc,
                    "unknown-indicator",
                    f"indicateur « {ref} » absent du pack (ou non chargé)",
                    f"indicator '{ref}' not in the pack (or not loaded)",
                )
        for i, chart in enumerate(board.charts):
            spec = specs.get(chart.indicator)
            if spec is not None and chart.by != "periode" and chart.by not in spec.dimensions:
                yield context.error(
                    file,
                    ("charts", i, "by"),
                    "unknown-axis",
                    f"« {chart.by} » n'est ni periode ni une dimension de {spec.id}",
                    f"'{chart.by}' is neither periode nor a dimension of {spec.id}",
                )
