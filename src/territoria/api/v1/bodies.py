"""JSON bodies of the native API: a version with its report (summary or whole), its links."""

from __future__ import annotations

from typing import Any

from territoria.catalog.models import Version
from territoria.services.catalogue import version_dict

PREFIX = "/api/v1"


def version_url(slug: str, number: int) -> str:
    """The path of version ``number`` of ``slug`` (the ``Location`` of a new version)."""
    return f"{PREFIX}/datasets/{slug}/versions/{number}"


def report_summary(report: dict[str, Any] | None) -> dict[str, Any] | None:
    """What a listing shows of a frictionless-shaped report: valid, counts, errors by type."""
    if not report:
        return None
    tasks = report.get("tasks") or [{}]
    stats = tasks[0].get("stats", {})
    return {
        "valid": report.get("valid"),
        "errors": report.get("stats", {}).get("errors", stats.get("errors")),
        "rows": stats.get("rows"),
        "invalidRows": stats.get("invalidRows"),
        "errorsByType": stats.get("errorsByType", {}),
    }


def _report(version: Version) -> dict[str, Any] | None:
    """The stored report, its place shown as the source's file name: a version uploaded
    through the API was read from a scratch folder whose path means nothing to anyone."""
    if not version.report:
        return None
    report = dict(version.report)
    report["tasks"] = [
        {**task, "place": version.source_filename} for task in report.get("tasks", [])
    ]
    return report


def version_body(slug: str, version: Version, *, full_report: bool = False) -> dict[str, Any]:
    """One version as the CLI shows it, less its lake path (a storage detail), with its
    report's summary (or the whole report) and the links to its report and download."""
    body = version_dict(version)
    body.pop("lakePath", None)
    body["dataset"] = slug
    body["report"] = _report(version) if full_report else report_summary(version.report)
    url = version_url(slug, version.number)
    body["links"] = {"self": url, "report": f"{url}/report", "download": f"{url}/download"}
    return body
