"""CKAN's ``datastore_search_sql``, when the instance opens it: one read-only SELECT.

Off by default (``ckan_datastore_sql``): CKAN itself answers an unknown action then. When
on, the SQL is parsed by sqlglot (PostgreSQL, as CKAN's), must be one SELECT, and may name
as tables only resource ids the caller may see; each is replaced by that resource's rows
(with ``_id``) and the whole is held to ODSQL's AST whitelist (``query.safety``): no other
table, file reader, function or statement kind gets through — refused as CKAN refuses
(``Validation Error`` for what is not one SELECT, ``Authorization Error`` for what the
whitelist forbids). At most 32000 records come back, ``records_truncated`` telling.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError

from territoria.api.ckan.datastore import ROWS_MAX, run, source
from territoria.api.ckan.datastore_shape import json_value
from territoria.api.ckan.envelope import invalid, missing
from territoria.api.ckan.lookup import Call, find_resource, not_found
from territoria.api.ckan.params import text
from territoria.api.deps import AuthorizationError
from territoria.query.safety import violations


def _ckan_type(kind: pa.DataType) -> str:
    """The datastore type of a result column."""
    checks = (
        (pa.types.is_boolean, "bool"), (pa.types.is_integer, "int"),
        (pa.types.is_floating, "numeric"), (pa.types.is_decimal, "numeric"),
        (pa.types.is_date, "date"), (pa.types.is_timestamp, "timestamp"),
    )  # fmt: skip
    return next((name for check, name in checks if check(kind)), "text")


def _refused(problems: list[str]) -> AuthorizationError:
    listed = ", ".join(problems[:5])
    return AuthorizationError(
        f"Requête SQL refusée : {listed} hors de la liste autorisée.",
        f"Not authorized to run this query: {listed} not allowed.",
        details={"problems": problems[:5]},
    )


def _parse(sql: str) -> exp.Select:
    try:
        statements = sqlglot.parse(sql, read="postgres")
    except SqlglotError as error:
        raise invalid("sql", f"Syntax error: {error}", f"erreur de syntaxe : {error}") from None
    if len(statements) != 1 or not isinstance(statements[0], exp.Select):
        raise invalid("sql", "Query is not a single SELECT statement",
                      "une seule instruction SELECT est acceptée")  # fmt: skip
    return statements[0]


def datastore_search_sql(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    """The records of one whitelisted SELECT over one resource's table."""
    sql = text(params, "sql")
    if not sql:
        raise missing("sql")
    query = _parse(sql)
    tables = list(query.find_all(exp.Table))
    names = {t.name for t in tables}
    if len(names) != 1 or any(t.args.get("db") or t.args.get("catalog") for t in tables):
        raise _refused([f"table {t.sql()}" for t in tables] or ["no table"])
    ident = names.pop()
    package, resource = find_resource(call, ident)
    if not resource["datastore_active"]:
        raise not_found("Ressource", "Resource", ident)
    state = call.state
    handle = state.queries.open_version(state.instance, call.session, package["name"], call.actor)
    rows = source(handle)
    rows.set("alias", exp.TableAlias(this=exp.to_identifier(ident, quoted=True)))
    for table in tables:
        table.replace(rows.copy())
    allowed = {f.column for f in handle.fields} | {"_id"}
    problems = violations(query, rows, allowed)
    if problems:
        raise _refused(problems)
    bounded = exp.select(exp.Star()).from_(query.subquery("q")).limit(ROWS_MAX + 1)
    table = run(call, handle, bounded)
    records = [{k: json_value(v) for k, v in row.items()} for row in table.to_pylist()]
    fields = [{"id": f.name, "type": _ckan_type(f.type)} for f in table.schema]
    return {
        "sql": sql,
        "fields": fields,
        "records": records[:ROWS_MAX],
        "records_truncated": len(records) > ROWS_MAX,
    }
