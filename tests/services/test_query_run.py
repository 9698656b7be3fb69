"""A query that fails on the version's values is the query's fault: a 400 naming the
engine's reason, not an internal error."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from query_samples import opened_version, query_home  # noqa: F401  (the session fixture)
from sqlglot import exp

from territoria.services.query_run import QueryEvaluationError
from territoria.services.querying import QueryService, VersionHandle


@pytest.fixture(scope="module")
def opened(query_home: Path) -> Iterator[tuple[QueryService, VersionHandle]]:  # noqa: F811
    with opened_version(query_home, "fontaines") as found:
        yield found


def test_a_value_the_engine_cannot_convert_is_a_400_naming_why(
    opened: tuple[QueryService, VersionHandle],
) -> None:
    service, handle = opened
    commune = exp.column("Commune", quoted=True)  # "PARIS 1ER ARRONDISSEMENT"… as a number
    select = exp.select(exp.cast(commune, "INTEGER")).from_(handle.source)
    with pytest.raises(QueryEvaluationError) as raised:
        service.run_select(handle, select)
    error = raised.value
    assert error.http_status == 400 and error.code == "ODSQLError"
    assert "Conversion" in error.details["engine"]
    assert "\n" not in error.message_fr and error.message_fr.startswith("la requête ne peut")
    # a query the values allow still runs
    fine = service.run_select(handle, exp.select(commune).from_(handle.source).limit(1))
    assert fine.num_rows == 1
