"""A live server over an instance where the sécurité, eau and tourisme packs are computed from
the real samples, with one imported group (``sud``: four southern départements)."""

from __future__ import annotations

from pathlib import Path

from live_server import ADMIN_TOKEN, SAMPLES

from territoria.config import Settings
from territoria.ingest.table import ReadOptions
from territoria.packs.registry import get_pack
from territoria.security.actor import ADMIN
from territoria.services.instance import init_instance
from territoria.services.pack_ingesting import ingest_pack_file
from territoria.services.packs import install_pack
from territoria.services.territory_groups import import_group

FILES = (
    (
        "securite",
        "ssmsi",
        "securite/donnee-dep-data.gouv-2022-geographie2023-produit-le2023-07-17.csv",
    ),
    ("eau", "fontaines", "eau/fontaines-a-boire-paris-2021.csv"),
    ("tourisme", "hebergements", "tourisme/hebergements-classes-atout-france.csv"),
)
GROUP = ("departement:2A", "departement:2B", "departement:06", "departement:83")


def computed_instance(home: Path) -> Settings:
    """Install and compute the three packs on their real samples; import group ``sud``."""
    settings = Settings(home=home, admin_token=ADMIN_TOKEN)
    init_instance(settings).close()
    for pack_id, role, file in FILES:
        install_pack(settings, pack_id, "pays:FR", ADMIN)
        ingest_pack_file(
            SAMPLES / file,
            get_pack(pack_id).datasets[role],
            org_code=None,
            quarantine=True,
            options=ReadOptions(),
            settings=settings,
        )
    group = home.parent / "sud.csv"
    group.write_text("territoire\n" + "\n".join(GROUP) + "\n", encoding="utf-8")
    import_group(settings, group, "sud", title="Départements du Sud")
    return settings
