"""What a caller asks of a dataset's records, as Opendatasoft's Explore v2.1 parameters."""

from __future__ import annotations

from dataclasses import dataclass

MAX_RECORDS_LIMIT = 100
"""``limit`` of a records page: at most 100, as Opendatasoft."""
MAX_RECORDS_WINDOW = 10_000
"""``offset + limit`` of records pages: at most 10,000, as Opendatasoft."""
MAX_GROUP_BY_RESULTS = 20_000
"""Groups a ``group_by`` may return, as Opendatasoft."""
DEFAULT_RECORDS_LIMIT = 10
"""``limit`` when the caller gives none, as Opendatasoft."""


@dataclass(frozen=True)
class RecordsRequest:
    """ODSQL clauses and paging of one request; texts as the caller sent them.

    ``where``, ``refine`` and ``exclude`` may be given several times (ANDed, as Opendatasoft);
    ``limit`` None means the endpoint's default (records) or unlimited (exports).
    """

    select: str | None = None
    where: tuple[str, ...] = ()
    group_by: str | None = None
    order_by: str | None = None
    limit: int | None = None
    offset: int = 0
    refine: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    lang: str | None = None
    timezone: str = "UTC"

    def cache_key(self) -> tuple[object, ...]:
        """The request normalised for the results cache (surrounding blanks dropped)."""
        return (
            (self.select or "").strip(),
            tuple(w.strip() for w in self.where if w.strip()),
            (self.group_by or "").strip(),
            (self.order_by or "").strip(),
            self.limit,
            self.offset,
            tuple(sorted(self.refine)),
            tuple(sorted(self.exclude)),
            self.lang,
            self.timezone,
        )
