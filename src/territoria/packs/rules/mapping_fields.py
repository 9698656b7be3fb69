"""Rule: a mapping fills only fields its dataset's tidy schema declares."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from territoria.indicators.issues import Issue
from territoria.packs.rules.base import PackContext

if TYPE_CHECKING:
    from territoria.packs.pack import Pack


class MappingFieldsRule:
    """``fields:`` names a tidy field the schema lacks: the cell would be thrown away."""

    def check(self, pack: Pack, context: PackContext) -> Iterator[Issue]:
        manifest = pack.folder / "pack.yaml"
        for role in pack.datasets.values():
            declared = {item["name"] for item in role.tidy_schema.get("fields", [])}
            for number, mapping in enumerate(role.mappings):
                for name in mapping.fields:
                    if name in declared:
                        continue
                    loc = ("datasets", role.role, "mappings", number, "fields", name)
                    yield context.error(
                        manifest,
                        loc,
                        "unknown-tidy-field",
                        f"le champ « {name} » n'est pas dans le schéma de « {role.slug} »",
                        f"the field '{name}' is not in the schema of '{role.slug}'",
                    )
