"""A pack author's mistakes are ERROR issues placed on file and line: a mapping filling a
field the schema lacks, an indicator reading a column it lacks (left out), a dashboard
naming an indicator the pack has not."""

from __future__ import annotations

import shutil
from pathlib import Path

from territoria.packs.loader import load_pack
from territoria.packs.registry import PACKS_DIR


def _broken_eau(tmp_path: Path) -> Path:
    folder = tmp_path / "eau"
    shutil.copytree(PACKS_DIR / "eau", folder, ignore=shutil.ignore_patterns("samples"))
    manifest = folder / "pack.yaml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(
        text.replace("          adresse: {column: Voie}\n", "          couleur: {column: Voie}\n"),
        encoding="utf-8",
    )
    spec = folder / "indicators" / "fontaines.yaml"
    spec.write_text(
        spec.read_text(encoding="utf-8").replace(
            "dimensions: [type_fontaine]", "dimensions: [zone]"
        ),
        encoding="utf-8",
    )
    board = folder / "dashboard.yaml"
    board.write_text(
        board.read_text(encoding="utf-8").replace(
            "indicators: [eau.fontaines-pour-10000-habitants, eau.fontaines]",
            "indicators: [eau.fontaines-pour-10000-habitants, eau.inconnu]",
        ),
        encoding="utf-8",
    )
    return folder


def _line(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if text in line)


def test_each_mistake_is_an_error_on_its_line(tmp_path: Path) -> None:
    folder = _broken_eau(tmp_path)
    pack = load_pack(folder)
    found = {(i.code, Path(i.file or "").name, i.line) for i in pack.issues}
    assert ("unknown-tidy-field", "pack.yaml", _line(folder / "pack.yaml", "couleur:")) in found
    spec = folder / "indicators" / "fontaines.yaml"
    assert ("unknown-column", "fontaines.yaml", _line(spec, "dimensions:")) in found
    board = folder / "dashboard.yaml"
    assert ("unknown-indicator", "dashboard.yaml", _line(board, "eau.inconnu")) in found
    # the chart and map on eau.fontaines name an indicator that is no longer loaded
    assert ("unknown-indicator", "dashboard.yaml", _line(board, "type: bar")) in found
    assert all(i.level == "ERROR" and i.message_fr and i.message_en for i in pack.issues)
    assert [s.id for s in pack.indicators] == ["eau.fontaines-pour-10000-habitants"]


def test_the_bundled_packs_raise_none(tmp_path: Path) -> None:
    for folder in sorted(p.parent for p in PACKS_DIR.glob("*/pack.yaml")):
        assert load_pack(folder).issues == [], folder.name
