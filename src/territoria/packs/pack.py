"""A loaded pack: its manifest, dataset roles with resolved schemas, indicators and dashboard."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from territoria.indicators.issues import Issue
from territoria.indicators.model import IndicatorSpec, Localised
from territoria.packs.dashboard import Dashboard
from territoria.packs.manifest import DatasetSpec, Mapping


@dataclass(frozen=True)
class DatasetRole:
    """A dataset a territory fills for a pack: role, slug, schema and publication variants."""

    pack_id: str
    role: str
    slug: str
    title: Localised
    description: str
    schema_name: str  # a bundled national schema name, or the pack's own file (relative)
    national: bool
    tidy_schema: dict[str, Any]  # the Table Schema of the stored tidy rows
    mappings: tuple[Mapping, ...]

    @property
    def schema_ref(self) -> str:
        """What the catalogue records as the dataset's schema."""
        return self.schema_name if self.national else f"pack:{self.pack_id}/{self.role}"

    def field_type(self, name: str) -> str:
        """The Table Schema type of a tidy field (``string`` when undeclared)."""
        for item in self.tidy_schema.get("fields", []):
            if item["name"] == name:
                return str(item.get("type", "string"))
        return "string"

    @classmethod
    def of(cls, pack_id: str, role: str, spec: DatasetSpec, folder: Path) -> DatasetRole:
        """The role of ``spec`` with its tidy schema read (or derived from the national one)."""
        from territoria.packs.tidy_schema import tidy_schema

        schema, national = tidy_schema(spec.schema_, folder)
        return cls(
            pack_id=pack_id,
            role=role,
            slug=spec.slug or f"{pack_id}-{role}",
            title=spec.title,
            description=spec.description,
            schema_name=spec.schema_,
            national=national,
            tidy_schema=schema,
            mappings=tuple(spec.mappings),
        )


@dataclass(frozen=True)
class Pack:
    """One pack as the registry serves it."""

    id: str
    version: str
    title: Localised
    description: str
    themes: tuple[str, ...]
    keywords: tuple[str, ...]
    datasets: dict[str, DatasetRole]
    indicators: list[IndicatorSpec]
    dashboard: Dashboard
    folder: Path
    issues: list[Issue] = field(default_factory=list)

    @property
    def method_path(self) -> Path:
        """The French method documentation (Markdown)."""
        return self.folder / "methode.md"

    @property
    def results_slug(self) -> str:
        """The dataset holding the pack's computed indicators."""
        return f"indicateurs-{self.id}"

    def role_of_slug(self, slug: str) -> DatasetRole | None:
        """The dataset role whose slug is ``slug``, if any."""
        return next((d for d in self.datasets.values() if d.slug == slug), None)

    def samples(self) -> dict[str, list[Path]]:
        """The bundled real sample files by role (``samples/<role>/…``), for the demo and tests."""
        root = self.folder / "samples"
        return {
            role: sorted(p for p in (root / role).glob("*") if p.suffix != ".md")
            for role in self.datasets
            if (root / role).is_dir()
        }
