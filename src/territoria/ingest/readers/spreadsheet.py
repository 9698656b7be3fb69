"""Read XLSX, XLS and ODS workbooks (python-calamine) into the reader contract."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import python_calamine as calamine

from territoria.errors import UnreadableFileError
from territoria.ingest.readers.cells import cell_text
from territoria.ingest.readers.limits import ReaderLimits
from territoria.ingest.readers.odsextent import check_ods_extent
from territoria.ingest.readers.sheetextent import check_sheet_extent
from territoria.ingest.readers.sheetlayout import SheetLayout, find_layout
from territoria.ingest.readers.spilled import forced_options, spilled_table
from territoria.ingest.readers.zipguard import check_plain_size, check_zip
from territoria.ingest.table import Detection, RawRow, ReadOptions, SourceTable


def _open(path: Path, fmt: str, limits: ReaderLimits) -> calamine.CalamineWorkbook:
    """Check the size limits, then open the workbook (a password gets its own message)."""
    if fmt == "xls":
        check_plain_size(path, limits)
    else:
        check_zip(path, limits)
    if fmt == "xlsx":
        check_sheet_extent(path)  # a grid calamine would fail to allocate aborts the process
    if fmt == "ods":
        check_ods_extent(path)  # runs of repeated cells expand to the same grid
    try:
        return calamine.CalamineWorkbook.from_path(str(path))
    except calamine.PasswordError as exc:
        raise UnreadableFileError(
            "Le classeur est protégé par un mot de passe.",
            "The workbook is password-protected.",
            path=str(path),
            hint_fr="Enregistrez-en une copie sans mot de passe.",
            hint_en="Save a copy without a password.",
        ) from exc
    # Any other failure of the parser, here or when a sheet is loaded later (XML cut mid-tag,
    # an entity bomb, a zip whose headers lie), is translated in ingest/failures.py.


def _choose_sheet(
    workbook: calamine.CalamineWorkbook, wanted: str | None, path: Path
) -> calamine.CalamineSheet:
    """The sheet named or numbered (1-based) by ``wanted``, else the first non-empty one."""
    names = workbook.sheet_names
    if wanted is None:
        for name in names:
            sheet = workbook.get_sheet_by_name(name)
            if sheet.end is not None:
                return sheet
        raise UnreadableFileError(
            "Le classeur ne contient aucune feuille remplie.",
            "The workbook has no sheet with data.",
            path=str(path),
        )
    if wanted in names:
        return workbook.get_sheet_by_name(wanted)
    if wanted.strip().isdigit() and 1 <= int(wanted) <= len(names):
        return workbook.get_sheet_by_index(int(wanted) - 1)
    listed = ", ".join(f"« {name} »" for name in names)
    raise UnreadableFileError(
        f"La feuille « {wanted} » n’existe pas ; feuilles du classeur : {listed}.",
        f"There is no sheet '{wanted}'; the workbook's sheets are: {listed}.",
        path=str(path),
        hint_fr="Donnez le nom exact de la feuille ou son numéro (1 pour la première).",
        hint_en="Give the sheet's exact name or its number (1 for the first).",
        details={"sheets": names},
    )


def _rows(sheet: calamine.CalamineSheet, layout: SheetLayout, offset: int) -> Iterator[RawRow]:
    """Data rows below the header as text, numbered as the spreadsheet numbers them."""
    start, stop = layout.first_column, layout.first_column + layout.width
    for index, row in enumerate(sheet.iter_rows()):
        if index <= layout.header:
            continue
        if index > layout.last:
            break
        cells: list[str | None] = [cell_text(value) for value in row[start:stop]]
        cells += [""] * (layout.width - len(cells))
        yield offset + index + 1, cells


def read_spreadsheet(
    path: Path, fmt: str, options: ReadOptions, *, scratch_dir: Path, limits: ReaderLimits
) -> SourceTable:
    """Read the chosen sheet of an ``fmt`` ("xlsx", "xls" or "ods") workbook."""
    with _open(path, fmt, limits) as workbook:
        sheet = _choose_sheet(workbook, options.sheet, path)
        end = sheet.end
        count = sum(1 for _ in sheet.iter_rows())
        # calamine yields rows from the sheet's first row or from its first used row, by version
        offset = end[0] + 1 - count if end is not None else 0
        forced_header = None if options.header_row is None else options.header_row - 1 - offset
        if forced_header is not None and forced_header < 0:
            forced_header = count  # above the sheet's data: reported as out of range below
        layout = find_layout(sheet.iter_rows(), forced_header)
        if layout is None:
            raise UnreadableFileError(
                f"La feuille « {sheet.name} » n’a pas de ligne d’en-tête à cet endroit.",
                f"Sheet '{sheet.name}' has no header row there.",
                path=str(path),
                line=options.header_row,
            )
        header = next(row for i, row in enumerate(sheet.iter_rows()) if i == layout.header)
        labels = [cell_text(v) for v in header[layout.first_column :][: layout.width]]
        labels += [""] * (layout.width - len(labels))
        detection = Detection(
            format=fmt,
            header_row=offset + layout.header + 1,
            sheet=sheet.name,
            forced=forced_options(options),
            extra={"sheets": list(workbook.sheet_names)},
        )
        return spilled_table(path, labels, detection, _rows(sheet, layout, offset), scratch_dir)


def read_xlsx(
    path: Path, options: ReadOptions, *, scratch_dir: Path, limits: ReaderLimits
) -> SourceTable:
    """Read an Office Open XML workbook (.xlsx, .xlsm)."""
    return read_spreadsheet(path, "xlsx", options, scratch_dir=scratch_dir, limits=limits)


def read_xls(
    path: Path, options: ReadOptions, *, scratch_dir: Path, limits: ReaderLimits
) -> SourceTable:
    """Read a legacy Excel 97-2003 workbook (.xls)."""
    return read_spreadsheet(path, "xls", options, scratch_dir=scratch_dir, limits=limits)


def read_ods(
    path: Path, options: ReadOptions, *, scratch_dir: Path, limits: ReaderLimits
) -> SourceTable:
    """Read an OpenDocument spreadsheet (.ods)."""
    return read_spreadsheet(path, "ods", options, scratch_dir=scratch_dir, limits=limits)
