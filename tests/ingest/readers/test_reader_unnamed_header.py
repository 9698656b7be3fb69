"""A header with one unnamed column (pandas writes its index so) stays the header, in every
format: taking it for a title row would drop it and read the first data row as labels."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook

from territoria.config import Settings
from territoria.ingest.open import open_table
from territoria.ingest.table import ReadOptions

Writer = Callable[[Path, list[str]], Path]
ROWS: list[list[object]] = [[f"Ville{n}", "x", n * 100 if n != 5 else "abc"] for n in range(20)]


def _xlsx(path: Path, header: list[str]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(header)
    for row in ROWS:
        sheet.append(row)
    book.save(path)
    return path


def _csv(path: Path, header: list[str]) -> Path:
    lines = [";".join(header), *(";".join(str(v) for v in row) for row in ROWS)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("write", [_xlsx, _csv], ids=["xlsx", "csv"])
@pytest.mark.parametrize(
    "header",
    [["", "commune", "population"], ["commune", "", "population"]],
    ids=["first-unnamed", "middle-unnamed"],
)
def test_unnamed_column_header_is_the_header(
    tmp_path: Path, write: Writer, header: list[str]
) -> None:
    suffix = ".xlsx" if write is _xlsx else ".csv"
    path = write(tmp_path / f"export{suffix}", header)
    settings = Settings(home=tmp_path / "home")
    table = open_table(path, ReadOptions(), settings)
    try:
        assert list(table.labels) == header
        assert table.detection.header_row == 1
        assert table.row_count in (None, len(ROWS))
    finally:
        table.close()
