"""Every bundled pack loads whole: manifest, tidy schemas, mappings onto declared fields,
indicators without issues, dashboard naming its own indicators, method page, real samples
with their origin and licence."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from pack_homes import SAMPLES

from territoria.packs.pack import Pack
from territoria.packs.registry import get_pack, list_packs, pack_of_slug
from territoria.schemas.loader import load_schema

PACKS = [pack.id for pack in list_packs()]


def test_the_five_packs_are_bundled() -> None:
    assert PACKS == ["dechets", "eau", "energie", "securite", "tourisme"]


@pytest.mark.parametrize("pack_id", PACKS)
def test_indicators_load_without_issues(pack_id: str) -> None:
    pack = get_pack(pack_id)
    assert pack.issues == []
    files = sorted(p.stem for p in (pack.folder / "indicators").glob("*.yaml"))
    assert sorted(spec.name for spec in pack.indicators) == files
    for spec in pack.indicators:
        assert spec.pack == pack.id and spec.source in pack.datasets


def test_the_slug_index_agrees_with_the_packs() -> None:
    """Each ingest asks the manifests alone whether its slug is a pack's."""
    for pack in list_packs():
        for role in pack.datasets.values():
            assert pack_of_slug(role.slug) == pack.id
    assert pack_of_slug("trilib-paris") is None


@pytest.mark.parametrize("pack_id", PACKS)
def test_mappings_fill_declared_fields_only(pack_id: str) -> None:
    pack = get_pack(pack_id)
    for role in pack.datasets.values():
        load_schema(role.tidy_schema)  # a valid Table Schema
        names = {f["name"] for f in role.tidy_schema["fields"]}
        assert {"territoire", "periode"} <= names
        for mapping in role.mappings:
            assert set(mapping.fields) <= names, (role.slug, mapping.name)
        for spec in pack.indicators:
            if spec.source == role.role:
                assert set(spec.dimensions) <= names, spec.id


@pytest.mark.parametrize("pack_id", PACKS)
def test_dashboard_and_method_page(pack_id: str) -> None:
    pack = get_pack(pack_id)
    ids = {spec.id: spec for spec in pack.indicators}
    assert pack.dashboard.indicators and set(pack.dashboard.indicators) <= set(ids)
    for chart in pack.dashboard.charts:
        assert chart.by == "periode" or chart.by in ids[chart.indicator].dimensions
    assert pack.dashboard.map is not None and pack.dashboard.map.indicator in ids
    method = pack.method_path.read_text(encoding="utf-8")
    assert "## Sources" in method and "## Limites" in method
    for spec in pack.indicators:
        assert spec.id in method, spec.id


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("pack_id", PACKS)
def test_samples_are_the_real_files_with_origin_and_licence(pack_id: str) -> None:
    pack: Pack = get_pack(pack_id)
    source = (pack.folder / "samples" / "SOURCE.md").read_text(encoding="utf-8")
    samples = pack.samples()
    assert set(samples) == set(pack.datasets)
    for role, files in samples.items():
        assert files
        for path in files:
            assert f"`{role}/{path.name}`" in source
            copies = list(SAMPLES.glob(f"*/{path.name}"))
            assert len(copies) == 1 and _digest(copies[0]) == _digest(path)
    assert source.count("**Licence**") == sum(len(files) for files in samples.values())
