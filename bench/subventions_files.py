"""Small SCDL subventions files as services publish them, grown from the project's real rows.

``make_files(folder, count, seed)`` writes ``count`` CSV files (20 to 2,000 rows each) into
``folder``, deterministically for a seed. Their rows come from the schema's valid example
(``tests/data/schemas/scdl/subventions``) and from four real publications
(``tests/data/samples/subventions``: Haute-Garonne, Somme, Poitiers, Nièvre), resampled and
mutated the ways files go wrong in the wild:

- *clean*: the example's rows only, schema header — a file that should pass;
- *mutated*: schema header, example rows and real rows mapped onto the current columns, with
  invalid cells of several kinds (French dates and numbers, SIRET with spaces, enum case,
  blank required cells, over-long text, percentages as ``15%``); a third of them also have a
  few blank rows, a third a few short or long rows;
- *columns*: the same with a column missing, an extra one, two swapped or a renamed one;
- *as published*: a real file's own header and rows (older SCDL versions), resampled.

Delimiters are ``,`` or ``;``, encodings UTF-8, UTF-8 with a BOM (Excel) or Windows-1252
(where the text fits), line endings CRLF or LF. Standard library only.
"""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "tests/data/schemas/scdl/subventions/exemple-valide.csv"
SAMPLES = ROOT / "tests/data/samples/subventions"
SCHEMA_FILE = ROOT / "src/territoria/schemas/bundled/scdl/subventions/schema.json"
SCHEMA_NAME = "scdl/subventions"

# The real files' documented formats (each folder's SOURCE.md): encoding and delimiter.
REAL = {
    "scdl-haute-garonne-datalocale-subvention.csv": ("utf-8", ";"),
    "dep-somme-conventions-20180330.csv": ("cp1252", ";"),
    "scdl-poitiers-subventions-associations-2017.csv": ("utf-8", ";"),
    "dep-nievre-subventions-2016.csv": ("cp1252", ","),
}
# Older column names of the real files, mapped onto the current schema's (lower-cased keys).
OLD_NAMES = {
    "coll_nom": "nomAttribuant",
    "coll_siret": "idAttribuant",
    "acte_date": "dateConvention",
    "acte_ref": "referenceDecision",
    "attrib_nom": "nomBeneficiaire",
    "attrib_siret": "idBeneficiaire",
    "sub_obj": "objet",
    "sub_objet": "objet",
    "sub_montant": "montant",
    "sub_nature": "nature",
    "sub_versement": "conditionsVersement",
    "sub_dispositif": "dispositifAide",
    "notif_eu": "notificationUE",
    "notification à la commission européenne": "notificationUE",
}
KINDS = ("clean", "mutated", "mutated", "columns", "published")


@dataclass
class Rows:
    """A header and its rows."""

    header: list[str]
    rows: list[list[str]]


def read_csv(path: Path, encoding: str, delimiter: str) -> Rows:
    """The header and rows of one of the project's CSV files."""
    with path.open(encoding=encoding, newline="") as stream:
        lines = [row for row in csv.reader(stream, delimiter=delimiter) if row]
    return Rows(lines[0], lines[1:])


def onto(header: list[str], source: Rows) -> list[list[str]]:
    """``source``'s rows with their cells moved under ``header`` by column name (case and old
    SCDL names ignored); columns the source lacks are left empty."""
    wanted = {name.lower(): i for i, name in enumerate(header)}
    where = []
    for name in source.header:
        key = name.strip().lower()
        where.append(wanted.get(OLD_NAMES.get(key, key).lower()))
    out = []
    for row in source.rows:
        cells = [""] * len(header)
        for position, cell in zip(where, row, strict=False):
            if position is not None:
                cells[position] = cell
        out.append(cells)
    return out


def invalid_cell(rng: random.Random, name: str, cell: str) -> str:
    """``cell`` spoiled as people spoil that column."""
    spoil = {
        "dateConvention": ["30/03/2017", "2017/03/30", "le 5 mai 2017", "2017-02-30"],
        "montant": ["99 786,57", "1 200,00 €", "12000 euros", "NC"],
        "idAttribuant": ["214 500 392 00012", cell[:-1] or "2106000450039", "2.10600045E+13"],
        "rnaBeneficiaire": ["W12345", "w333216789", "RNA W333216789"],
        "nature": ["Aide en numéraire", "subvention", "numéraire"],
        "notificationUE": ["Non", "NON", "false", "0"],
        "pourcentageSubvention": ["15%", "15", "0,5", "0"],
        "datesPeriodeVersement": ["2017-01-01_2017-12-31", "01/01/2017-31/12/2017", "2017"],
        "idRAE": ["123456", "RAE-2017"],
        "objet": ["Fonctionnement " * 20],
        "nomBeneficiaire": [""],
        "conditionsVersement": [""],
    }
    choices = spoil.get(name)
    return rng.choice(choices) if choices else ""


def spoil_rows(rng: random.Random, header: list[str], rows: list[list[str]]) -> list[list[str]]:
    """Rows with about 2 % invalid cells; a third of the files also get 1 to 3 blank rows or
    empty lines, and a third 1 to 3 short or long rows (hand edits of a software export)."""
    spoilable = [i for i, name in enumerate(header) if invalid_cell(rng, name, "x") != ""]
    spoilable += [header.index(n) for n in ("nomBeneficiaire", "conditionsVersement")]
    out = []
    for row in rows:
        row = list(row)
        for _ in range(rng.choices([0, 1, 2], [85, 12, 3])[0]):
            i = rng.choice(spoilable)
            row[i] = invalid_cell(rng, header[i], row[i])
        out.append(row)
    if rng.random() < 1 / 3:
        for _ in range(rng.randint(1, 3)):  # delimiters only, or an empty line
            out.insert(rng.randrange(len(out) + 1), rng.choice([[""] * len(header), []]))
    if rng.random() < 1 / 3:
        for _ in range(rng.randint(1, 3)):
            i = rng.randrange(len(out))
            if not out[i]:
                continue
            short = out[i][: rng.randrange(2, len(header))]
            out[i] = rng.choice([short, [*out[i], "commentaire"]])  # missing or extra cells
    return out


def change_columns(rng: random.Random, table: Rows) -> Rows:
    """The same table with one column missing, added, swapped with another or renamed."""
    header, rows = list(table.header), [list(row) for row in table.rows]
    change = rng.choice(["drop", "drop-required", "extra", "swap", "rename"])
    if change in ("drop", "drop-required"):
        optional = ["dispositifAide", "idRAE", "rnaBeneficiaire", "referenceDecision"]
        name = rng.choice(optional if change == "drop" else ["objet", "montant", "nature"])
        i = header.index(name)
        header.pop(i)
        for row in rows:
            if len(row) > i:
                row.pop(i)
    elif change == "extra":
        header.append("commentaire")
        for row in rows:
            if row:
                row.append(rng.choice(["", "vu", "à vérifier"]))
    elif change == "swap":
        a, b = header.index("montant"), header.index("pourcentageSubvention")
        for row in [header, *rows]:
            if len(row) > max(a, b):
                row[a], row[b] = row[b], row[a]
    else:
        header[header.index("datesPeriodeVersement")] = "datesperiodeversement"
    return Rows(header, rows)


def table_for(
    rng: random.Random, kind: str, size: int, example: Rows, real: dict[str, Rows]
) -> Rows:
    """The header and ``size`` rows of one file of ``kind``."""
    if kind == "published":
        source = real[rng.choice(sorted(real))]
        return Rows(source.header, [rng.choice(source.rows) for _ in range(size)])
    pool = [(row, 1.0) for row in example.rows]
    if kind != "clean":
        for source in real.values():
            mapped = onto(example.header, source)
            pool += [(row, 0.3 * len(example.rows) / len(mapped)) for row in mapped]
    rows = [list(row) for row in rng.choices([p[0] for p in pool], [p[1] for p in pool], k=size)]
    if kind == "clean":
        return Rows(example.header, rows)
    table = Rows(example.header, spoil_rows(rng, example.header, rows))
    return change_columns(rng, table) if kind == "columns" else table


def render(rng: random.Random, table: Rows) -> tuple[bytes, str]:
    """The file's bytes (delimiter, line ending, encoding as services produce) and a suffix
    naming its form."""
    delimiter = rng.choice([",", ";", ";"])
    newline = rng.choice(["\r\n", "\n"])
    text = io.StringIO()
    writer = csv.writer(text, delimiter=delimiter, lineterminator=newline)
    writer.writerow(table.header)
    for row in table.rows:
        if row:
            writer.writerow(row)
        else:
            text.write(newline)
    encoding = rng.choices(["utf-8", "utf-8-sig", "cp1252"], [6, 1, 3])[0]
    try:
        data = text.getvalue().encode(encoding)
    except UnicodeEncodeError:
        encoding, data = "utf-8", text.getvalue().encode("utf-8")
    name = {"utf-8": "utf8", "utf-8-sig": "utf8bom", "cp1252": "cp1252"}[encoding]
    return data, f"{'semicolon' if delimiter == ';' else 'comma'}-{name}"


def make_files(folder: Path, count: int = 200, seed: int = 2026) -> list[Path]:
    """Write ``count`` files into ``folder`` (deterministic for ``seed``) and return them."""
    rng = random.Random(seed)
    example = read_csv(EXAMPLE, "utf-8", ",")
    real = {name: read_csv(SAMPLES / name, *form) for name, form in REAL.items()}
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        kind = rng.choice(KINDS)
        size = int(20 * 100 ** rng.random())  # 20 to 2,000 rows, log-uniform
        data, form = render(rng, table_for(rng, kind, size, example, real))
        path = folder / f"{number:03d}-{kind}-{form}-{size}.csv"
        path.write_bytes(data)
        paths.append(path)
    return paths
