"""Installing a pack: datasets created once with the pack's schema and the territory as
coverage, the installation recorded (again: updated, nothing twice), administrators only."""

from __future__ import annotations

from pathlib import Path

import pytest

from territoria.config import Settings
from territoria.security.actor import ADMIN, ANONYMOUS
from territoria.services.instance import init_instance
from territoria.services.metadata import WriteForbiddenError, metadata_of
from territoria.services.packs import install_pack, installed_packs, list_packs_info, show_pack


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    settings = Settings(home=tmp_path / "home")
    init_instance(settings).close()
    return settings


def test_install_creates_the_datasets_once(settings: Settings) -> None:
    first = install_pack(settings, "dechets", "epci:200054781", ADMIN)
    assert [(d["slug"], d["created"]) for d in first["datasets"]] == [
        ("dechets-sinoe", True),
        ("dechets-points-apport", True),
    ]
    again = install_pack(settings, "dechets", "epci:200054781", ADMIN)
    assert all(not d["created"] for d in again["datasets"])
    other = install_pack(settings, "dechets", "commune:75056", ADMIN)
    assert all(not d["created"] for d in other["datasets"])
    installed = installed_packs(settings)
    assert [(i["pack"], i["territory"]) for i in installed] == [
        ("dechets", "commune:75056"),
        ("dechets", "epci:200054781"),
    ]
    assert installed[1]["installedAt"] == again["installedAt"] > first["installedAt"]
    metadata = metadata_of(settings, "dechets-sinoe", ADMIN)
    assert metadata["schemaRef"] == "pack:dechets/sinoe"
    assert [t["id"] for t in metadata["themes"]] == ["dechets"]
    assert "epci:200054781" in str(metadata["spatial"])


def test_a_national_schema_is_the_datasets_schema(settings: Settings) -> None:
    install_pack(settings, "eau", "pays:FR", ADMIN)
    assert metadata_of(settings, "eau-fontaines", ADMIN)["schemaRef"] == "fontaine-eau"


def test_only_the_administrator_installs(settings: Settings) -> None:
    with pytest.raises(WriteForbiddenError) as refused:
        install_pack(settings, "eau", "pays:FR", ANONYMOUS)
    assert refused.value.http_status == 403
    assert installed_packs(settings) == []


def test_list_and_show(settings: Settings) -> None:
    listed = {p["id"]: p for p in list_packs_info()}
    assert listed["securite"]["resultsDataset"] == "indicateurs-securite"
    shown = show_pack("tourisme")
    assert shown["method"].startswith("# Méthode")
    (dataset,) = shown["datasets"]
    assert dataset["slug"] == "tourisme-hebergements" and dataset["mappings"]
    assert {f["name"] for f in dataset["tidySchema"]["fields"]} >= {"territoire", "periode"}
    assert shown["dashboard"]["map"]["indicator"] == "tourisme.taux-fonction-touristique"
    assert shown["issues"] == []
