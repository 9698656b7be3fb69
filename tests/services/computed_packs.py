"""An instance where the sécurité and eau packs are installed and computed from the real
samples of tests/data/samples (through the packs' own install, ingest and compute)."""

from __future__ import annotations

from pathlib import Path

from territoria.config import Settings
from territoria.ingest.table import ReadOptions
from territoria.packs.registry import get_pack
from territoria.security.actor import ADMIN
from territoria.services.instance import init_instance
from territoria.services.pack_ingesting import ingest_pack_file
from territoria.services.packs import install_pack

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"
SSMSI = SAMPLES / "securite/donnee-dep-data.gouv-2022-geographie2023-produit-le2023-07-17.csv"
FONTAINES = SAMPLES / "eau/fontaines-a-boire-paris-2021.csv"
TOKEN = "computed-packs-admin-token"


def computed_instance(home: Path) -> Settings:
    """A new instance in ``home`` with ``indicateurs-securite`` and ``indicateurs-eau``."""
    settings = Settings(home=home, admin_token=TOKEN)
    init_instance(settings).close()
    for pack_id, role, file in (("securite", "ssmsi", SSMSI), ("eau", "fontaines", FONTAINES)):
        install_pack(settings, pack_id, "pays:FR", ADMIN)
        ingest_pack_file(
            file,
            get_pack(pack_id).datasets[role],
            org_code=None,
            quarantine=True,
            options=ReadOptions(),
            settings=settings,
        )
    return settings
