"""One way to run a compiled query: its time limit, and the engine's verdict on the values.

A query the compiler accepted can still fail on the data themselves — an integer product
overflowing, a value the engine cannot cast: that is the query's fault, said as a 400 in
the terms of the engine (first line of its message), never a 500 with an incident id.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa
from sqlglot import exp

from territoria.engine.pool import ConnectionPool, QueryInterrupted
from territoria.query.errors import ODSQLError
from territoria.services.query_timeout import QueryTimeoutError

VALUE_ERRORS = (duckdb.DataError, duckdb.InvalidInputException)
"""What DuckDB raises for values it cannot compute with (conversion, overflow, input)."""


class QueryEvaluationError(ODSQLError):
    """A well-formed query the engine could not evaluate on this version's values."""

    def __init__(self, engine_message: str) -> None:
        first = engine_message.strip().splitlines()[0] if engine_message.strip() else ""
        super().__init__(
            f"la requête ne peut pas être évaluée sur les valeurs de ce jeu de données : {first}",
            f"the query cannot be evaluated on this dataset's values: {first}",
            hint_fr="vérifiez les types des champs et les opérations de la requête",
            hint_en="check the fields' types and the query's operations",
            details={"engine": first},
        )


def run_query(
    pool: ConnectionPool,
    select: exp.Expression,
    timeout: float,
    tables: dict[str, pa.Table] | None = None,
) -> pa.Table:
    """``select``'s rows, cut past ``timeout`` seconds (503) or refused on its values (400)."""
    try:
        return pool.run(select, timeout=timeout, tables=tables)
    except QueryInterrupted:
        raise QueryTimeoutError(timeout) from None
    except VALUE_ERRORS as error:
        raise QueryEvaluationError(str(error)) from None
