"""Injection corpus: hostile text in every clause either compiles to a safe AST or is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from odsql_catalogue import Catalogue
from sqlglot import exp

from territoria.query.errors import ODSQLError
from territoria.query.request import RecordsRequest as R
from territoria.query.safety import violations

PAYLOADS = [
    "'; DROP TABLE v_subventions; --",
    '"; DROP TABLE v_subventions; --',
    "1; SELECT * FROM read_csv('{marker}')",
    "montant) UNION SELECT * FROM read_csv('{marker}') --",
    "montant /* comment */ > 1",
    "montant -- comment",
    "nature = 'x' UNION SELECT 1",
    "read_csv('{marker}')",
    "read_text('{marker}')",
    "COPY v_subventions TO '{marker}.out'",
    "ATTACH '{marker}' AS other",
    "nature = 'a\\' OR 1=1 --'",
    "nature = 'a\\\\' OR 1=1",
    'nature = "\\" OR \\""',
    '`nature" OR 1=1 --`',
    "`Commune` = 1",
    "nature = 'x\x00y'",
    "nature = 'ｘ' ＯＲ 1=1",
    "nature\u200b = 'x'",
    "montant > 1 or 1=1) --",
    "search('x'); SELECT 1)",
    "getvariable('x')",
    "now(days=1); SELECT 1",
    "within(geo_point_2d, geom'POINT(1 2)'') OR read_csv(''{marker}')",
    "geom'POINT(1 2); DROP TABLE x'",
    "date'2020-01-01''; DROP'",
    "nature = $$x$$",
    "nature = E'\\x41'",
    "montant::VARCHAR = '1'",
    "montant IS DISTINCT FROM 1",
    "pragma_version()",
    "(" * 300 + "montant > 1" + ")" * 300,
    "not " * 300 + "notificationue",
    "x" * (1 << 20),
]


def _requests(payload: str) -> list[R]:
    return [
        R(where=(payload,)),
        R(select=payload),
        R(select="count(*)", group_by=payload),
        R(order_by=payload),
        R(refine=(payload,)),
        R(refine=(f"nature:{payload}",)),
        R(exclude=(f"nature:{payload}",)),
        R(select=f"nature as `{payload}`"),
        R(where=(f"nature = '{payload}'",)),
    ]


@pytest.mark.parametrize("template", PAYLOADS, ids=range(len(PAYLOADS)))
def test_payload_never_injects(catalogue: Catalogue, tmp_path: Path, template: str) -> None:
    marker = tmp_path / "marker.csv"
    marker.write_text("secret\nTOP-SECRET-MARKER\n", encoding="utf-8")
    payload = template.replace("{marker}", str(marker))
    fields = catalogue.fields["subventions"]
    source = exp.to_table("v_subventions")
    known = {f.column for f in fields}
    for request in _requests(payload):
        try:
            compiled = catalogue.compile("subventions", request)
        except ODSQLError:
            continue
        outputs = {c.name for c in compiled.output}
        for query in (compiled.rows, compiled.count):
            if query is None:
                continue
            assert violations(query, source, known | outputs | {"count", "groups"}) == []
            tables = [t for t in query.find_all(exp.Table)]
            assert all(t == source for t in tables), tables
            rows = catalogue.sql(query.sql("duckdb"))
            assert "TOP-SECRET-MARKER" not in repr(rows)
    assert catalogue.sql("SELECT count(*) FROM v_subventions")[0][0] > 0
    assert not Path(f"{marker}.out").exists()


def test_string_literals_stay_values(catalogue: Catalogue) -> None:
    hostile = "x' OR '1'='1"
    rows = catalogue.run("subventions", R(select="nature", where=(f'nature = "{hostile}"',)))
    assert rows == []
    named = catalogue.compile("subventions", R(select='nature as `a" FROM x; --`', limit=1))
    assert named.output[0].name == 'a" FROM x; --'
    assert len(catalogue.sql(named.rows.sql("duckdb"))) == 1
