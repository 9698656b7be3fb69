"""Compiled-query templates: a templated answer is the compiled answer, for any literal."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from query_samples import opened_version, query_home  # noqa: F401  (the session fixture)

from territoria.config import Settings
from territoria.query.compiler import compile_records
from territoria.query.errors import ODSQLError
from territoria.query.request import RecordsRequest
from territoria.services.query_templates import Templates, split
from territoria.services.querying import QueryService, VersionHandle


@pytest.fixture(scope="module")
def opened(query_home: Path) -> Iterator[tuple[QueryService, VersionHandle]]:  # noqa: F811
    with opened_version(query_home, "dechets") as found:
        yield found


def _compile(handle: VersionHandle):  # type: ignore[no-untyped-def]
    def run(request: RecordsRequest):  # type: ignore[no-untyped-def]
        compiled = compile_records(request, handle.fields, handle.source)
        return compiled.rows, compiled.count, compiled.output

    return run


LITERALS = st.text(
    alphabet=st.characters(blacklist_characters="\"\\'", blacklist_categories=("Cs",)),
    max_size=12,
)


@settings(max_examples=60, deadline=None)
@given(first=LITERALS, second=LITERALS)
def test_templated_queries_are_the_compiled_queries(
    opened: tuple[QueryService, VersionHandle], first: str, second: str
) -> None:
    _, handle = opened
    templates = Templates()
    where = (f'code_insee = "{first}" and categorie="{second}"',)
    for limit in (100, 100):  # the second time from the kept template
        request = RecordsRequest(where=where, limit=limit)
        found = templates.compiled(handle.key, request, handle.fields, _compile(handle))
        try:
            compiled = compile_records(request, handle.fields, handle.source)
        except ODSQLError:  # refused by the compiler: refused without the template too
            assert found is None
            continue
        assert found is not None
        assert found[0].sql("duckdb") == compiled.rows.sql("duckdb")
        assert found[1] is not None and compiled.count is not None
        assert found[1].sql("duckdb") == compiled.count.sql("duckdb")
        assert found[2] == list(compiled.output)


@pytest.mark.parametrize(
    "where",
    [
        'date = "2024-01-01"',  # a date: the compiler parses the value
        'nb_habitants = "12"',  # a number
        '"code_insee"',  # a bare string: full-text search
        'code_insee = "a" or categorie = "b"',
        "code_insee = 'a'",
        'code_insee like "a*"',
        'unknown = "a"',
        'code_insee = "\x00"',
    ],
)
def test_other_shapes_compile_as_before(
    opened: tuple[QueryService, VersionHandle], where: str
) -> None:
    _, handle = opened
    assert split(RecordsRequest(where=(where,)), handle.fields) is None


def test_service_answers_the_same_through_templates(
    opened: tuple[QueryService, VersionHandle],
) -> None:
    service, handle = opened
    fresh = QueryService(Settings(home=service.settings.home, query_cache_entries=0))
    try:
        for code in ("31555", "31069", "nope"):
            request = RecordsRequest(where=(f'code_insee="{code}"',), limit=20)
            templated = service.run_records(handle, request)
            # the same filter in parentheses: a shape templates do not take, compiled
            plain = RecordsRequest(where=(f'(code_insee="{code}")',), limit=20)
            assert split(plain, handle.fields) is None
            alone = fresh.run_records(handle, plain)
            assert templated.total_count == alone.total_count
            assert templated.table.equals(alone.table)
    finally:
        fresh.close()
