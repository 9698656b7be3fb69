"""``territoria datasets edit`` and ``ingest --visibility``: options and ``--from`` YAML/JSON
files change the metadata; bad input exits 2 with a French then English message and no
traceback; ``datasets show`` shows the DCAT-AP fields. The main paths run as real processes
(marked slow: each start costs a second or more on a loaded machine), the many bad inputs
in process through Typer's runner, which exercises the same command and error handler."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from territoria.cli.main import app

ENV = {**os.environ, "PYTHONWARNINGS": "ignore"}
SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"


def run(home: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "territoria.cli.main", "--home", str(home), *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, env=ENV, timeout=120)


def in_process(home: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """The same command through Typer's runner, shaped as a finished process."""
    result = CliRunner().invoke(app, ["--home", str(home), *map(str, args)])
    return subprocess.CompletedProcess(args, result.exit_code, result.stdout, result.stderr)


def shown(home: Path, slug: str) -> dict:
    done = in_process(home, "datasets", "show", slug, "--json")
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout))


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("edit") / "instance"
    fontaines = SAMPLES / "eau" / "fontaines-a-boire-paris-2021.csv"
    assert in_process(home, "init").returncode == 0
    done = in_process(
        home, "ingest", fontaines, "--dataset", "fontaines", "--visibility", "private"
    )
    assert done.returncode == 0, done.stderr
    return home


@pytest.mark.slow
def test_edit_with_options(home: Path) -> None:
    done = run(
        home, "datasets", "edit", "fontaines", "--title", "Fontaines à boire — Paris",
        "--licence", "odbl", "--keyword", "eau potable", "--keyword", "fontaine",
        "--theme", "eau", "--theme", "ENVI", "--spatial", "commune:75056",
        "--frequency", "annuelle", "--temporal-start", "2021-01-01",
        "--contact-email", "eau@paris.fr", "--publisher", "217500016",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "modifiées" in done.stdout and "updated" in done.stdout
    meta = shown(home, "fontaines")
    assert meta["title"] == "Fontaines à boire — Paris"
    assert meta["license"]["uri"] == "https://opendatacommons.org/licenses/odbl/1-0/"
    assert meta["keywords"] == ["eau potable", "fontaine"]
    assert [t["id"] for t in meta["themes"]] == ["eau", "ENVI"]
    assert meta["frequency"]["id"] == "ANNUAL" and meta["spatial"] == ["commune:75056"]
    assert meta["publisher"]["siren"] == "217500016"
    assert meta["contactPoint"]["email"] == "eau@paris.fr"
    assert meta["visibility"] == "private"  # not asked: unchanged
    text = in_process(home, "datasets", "show", "fontaines")
    for line in ("identifier", "Open Database License", "commune:75056", "Annuelle", "issued"):
        assert line in text.stdout


@pytest.mark.parametrize(
    ("args", "fr", "en"),
    [
        (("--licence", "gpl"), "Licence inconnue", "Unknown licence"),
        (("--spatial", "Paris"), "Valeur invalide pour spatial", "Invalid value for spatial"),
        (("--publisher", "217500017"), "SIREN", "Luhn"),
        (("--visibility", "secret"), "Valeur invalide pour visibility", "expected: public"),
        (("--temporal-end", "31/12/2021"), "AAAA-MM-JJ", "YYYY-MM-DD"),
        ((), "rien à modifier", "nothing to change"),
    ],
)
def test_bad_input_exits_2_in_both_languages(
    home: Path, args: tuple[str, ...], fr: str, en: str
) -> None:
    done = in_process(home, "datasets", "edit", "fontaines", *args)
    assert done.returncode == 2, done.stdout
    assert fr in done.stderr and en in done.stderr
    assert done.stderr.index(fr) < done.stderr.index(en)
    assert "Traceback" not in done.stderr + done.stdout


def test_from_yaml_and_json_files(home: Path, tmp_path: Path) -> None:
    yaml_file = tmp_path / "meta.yaml"
    yaml_file.write_text(
        "title: Fontaines (YAML)\n"
        "description: |\n  Les **fontaines** à boire.\n"
        "themes: [eau]\n"
        "temporal:\n  start: 2021-01-01\n  end: 2021-12-31\n"
        "contactPoint:\n  name: Eau de Paris\n  email: contact@eaudeparis.fr\n",
        encoding="utf-8",
    )
    done = in_process(home, "datasets", "edit", "fontaines", "--from", yaml_file)
    assert done.returncode == 0, done.stderr
    meta = shown(home, "fontaines")
    assert meta["title"] == "Fontaines (YAML)" and meta["description"].startswith("Les **")
    assert meta["temporal"] == {"start": "2021-01-01", "end": "2021-12-31"}
    assert meta["contactPoint"] == {"name": "Eau de Paris", "email": "contact@eaudeparis.fr"}
    json_file = tmp_path / "meta.json"
    json_file.write_text(json.dumps({"license": "cc-by-4.0", "landing_page": None}))
    done = in_process(
        home, "datasets", "edit", "fontaines", "--from", json_file, "--title", "Prime"
    )
    assert done.returncode == 0, done.stderr
    meta = shown(home, "fontaines")
    assert meta["license"]["id"] == "cc-by-4.0" and meta["title"] == "Prime"  # option wins


@pytest.mark.parametrize(
    ("content", "suffix", "fr", "en"),
    [
        ("titre: x\n", ".yaml", "Champ de métadonnées inconnu : « titre »", "editable fields"),
        ("title: [unclosed\n", ".yaml", "YAML invalide", "invalid YAML"),
        ('{"title": ', ".json", "JSON invalide", "invalid JSON"),
        ("- a\n- b\n", ".yml", "dictionnaire de champs", "mapping of fields"),
    ],
)
def test_bad_files_exit_2(
    home: Path, tmp_path: Path, content: str, suffix: str, fr: str, en: str
) -> None:
    path = tmp_path / f"meta{suffix}"
    path.write_text(content, encoding="utf-8")
    done = in_process(home, "datasets", "edit", "fontaines", "--from", path)
    assert done.returncode == 2, done.stdout
    assert fr in done.stderr and en in done.stderr and "Traceback" not in done.stderr


@pytest.mark.slow
def test_real_process_refuses_bad_input_without_traceback(home: Path, tmp_path: Path) -> None:
    done = run(home, "datasets", "edit", "fontaines", "--licence", "gpl", "--theme", "eau")
    assert done.returncode == 2 and "Traceback" not in done.stderr + done.stdout
    fr, en = done.stderr.index("Licence inconnue"), done.stderr.index("Unknown licence")
    assert fr < en and "etalab-2.0" in done.stderr[en:]
    path = tmp_path / "meta.yaml"
    path.write_text("themes: [astrologie]\n", encoding="utf-8")
    done = run(home, "datasets", "edit", "fontaines", "--from", path)
    assert done.returncode == 2 and "Thématique inconnue" in done.stderr
    assert "Unknown theme" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.slow
def test_ingest_visibility_is_kept_unless_asked(home: Path) -> None:
    sanisettes = SAMPLES / "eau" / "sanisettes-paris-2021.csv"
    done = run(home, "ingest", sanisettes, "--dataset", "fontaines")
    assert done.returncode == 0, done.stderr
    assert shown(home, "fontaines")["visibility"] == "private"
    done = in_process(
        home, "ingest", sanisettes, "--dataset", "fontaines", "--visibility", "public"
    )
    assert done.returncode == 0, done.stderr
    assert shown(home, "fontaines")["visibility"] == "public"
    bad = in_process(home, "ingest", sanisettes, "--dataset", "fontaines", "--visibility", "x")
    assert bad.returncode == 2 and "--visibility" in bad.stderr and "Traceback" not in bad.stderr
