"""A report arranged for reading: header errors first, exact counts, the cells each error marks."""

from __future__ import annotations

from territoria.services.report_view import report_view
from territoria.validation.report import Report, ReportError


def _report() -> dict[str, object]:
    errors = [
        ReportError("incorrect-label", field_name="B", field_number=2, label="b"),
        ReportError("type-error", row_number=3, field_name="B", field_number=2, cell="x"),
        ReportError("type-error", row_number=4, field_name="B", field_number=2, cell="y"),
        ReportError("blank-row", row_number=5),
    ]
    report = Report(
        place="f.csv",
        labels=["A", "b"],
        fields=2,
        rows=4,
        errors=errors,
        error_count=9,
        errors_by_type={"incorrect-label": 1, "type-error": 7, "blank-row": 1},
        invalid_rows=8,
    )
    return report.to_dict("en")


def test_groups_put_the_header_first_and_keep_exact_counts() -> None:
    view = report_view(_report(), per_type=1)
    assert [(g.type, g.count, len(g.errors)) for g in view.groups] == [
        ("incorrect-label", 1, 1),
        ("type-error", 7, 1),
        ("blank-row", 1, 1),
    ]
    assert view.groups[1].unlisted == 6
    assert view.groups[0].title == {"fr": "En-tête incorrect", "en": "Incorrect Label"}
    assert view.groups[1].fix["fr"].startswith("Écrivez la valeur")
    assert not view.valid and view.error_count == 9 and view.truncated


def test_each_listed_error_marks_its_cell_its_header_or_its_row() -> None:
    view = report_view(_report(), prefix="v2")
    assert view.marked(None, 2) == ["v2-1"]  # the header's label
    assert view.marked(3, 2) == ["v2-2"]
    assert view.marked(5, 1) == ["v2-4"]  # a blank row marks each of its cells' row
    assert view.marks[(5, None)] == ["v2-4"]
    assert view.marked(3, 1) == []
