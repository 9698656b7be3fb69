"""Rule: an indicator reads a dataset role of its pack, and columns its tidy schema has."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from territoria.indicators.issues import Issue
from territoria.packs.rules.base import PackContext

if TYPE_CHECKING:
    from territoria.packs.pack import Pack


class IndicatorColumnsRule:
    """An unknown ``source`` role, or a territory, period or dimension column the source's
    tidy schema does not declare: the indicator could never be computed."""

    def check(self, pack: Pack, context: PackContext) -> Iterator[Issue]:
        for spec in pack.indicators:
            file = pack.folder / "indicators" / f"{spec.name}.yaml"
            role = pack.datasets.get(spec.source)
            roles = ", ".join(pack.datasets)
            if role is None:
                yield context.error(
                    file,
                    ("source",),
                    "unknown-source",
                    f"{spec.id} : aucun jeu « {spec.source} » dans le pack ({roles})",
                    f"{spec.id}: no dataset '{spec.source}' in the pack ({roles})",
                )
                continue
            declared = {item["name"] for item in role.tidy_schema.get("fields", [])}
            columns: list[tuple[tuple[str | int, ...], str]] = [
                (("territory", "column"), spec.territory.column)
            ]
            columns.append((("period", "column"), spec.period.column))
            columns += [(("dimensions", i), name) for i, name in enumerate(spec.dimensions)]
            for loc, name in columns:
                if name not in declared:
                    yield context.error(
                        file,
                        loc,
                        "unknown-column",
                        f"{spec.id} : colonne « {name} » absente du schéma de « {role.slug} »",
                        f"{spec.id}: column '{name}' not in the schema of '{role.slug}'",
                    )
