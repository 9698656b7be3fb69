"""The error of a query cut by the time limit of the settings."""

from __future__ import annotations

from territoria.errors import UserError


class QueryTimeoutError(UserError):
    """A query ran longer than ``query_timeout_seconds`` and was cut (HTTP 503)."""

    code = "query-timeout"
    http_status = 503

    def __init__(self, seconds: float) -> None:
        super().__init__(
            f"la requête a dépassé la durée maximale de {seconds:g} s et a été interrompue",
            f"the query ran longer than the {seconds:g} s limit and was cut",
            hint_fr="filtrez davantage (where, refine) ou réduisez les regroupements",
            hint_en="filter more (where, refine) or group less",
            details={"timeout_seconds": seconds},
        )
