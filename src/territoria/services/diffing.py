"""Diff two versions of a dataset: rows added, removed and changed, columns added, removed
and retyped; matched by primary key when both versions have it, else by whole-row content.

A version's rows are its stored valid rows (quarantined rows are not part of its content)."""

from __future__ import annotations

from collections.abc import Sequence

from territoria.catalog import repository as repo
from territoria.config import Settings
from territoria.services.diff_by_content import by_content
from territoria.services.diff_by_key import by_key
from territoria.services.diff_plan import (
    choose_key,
    common_columns,
    compare_columns,
    describe,
    require_key,
)
from territoria.services.instance import open_instance
from territoria.services.tables import engine_connection
from territoria.services.version_diff import VersionDiff

SAMPLE_SIZE = 10


def diff_versions(
    slug: str,
    a: int,
    b: int,
    settings: Settings,
    *,
    key: Sequence[str] = (),
    sample_size: int = SAMPLE_SIZE,
) -> VersionDiff:
    """What changed from version ``a`` to version ``b`` of ``slug`` (either may be the older);
    an unknown dataset or version raises :class:`NotFoundError`. Rows are matched on ``key``
    when given (an inferred schema has no primary key), else on the schema's primary key,
    else by content. At most ``sample_size`` rows of each kind are given as examples,
    ordered by key (or by content)."""
    instance = open_instance(settings)
    try:
        with instance.session() as session:
            before = repo.require_version(session, slug, a)
            after = repo.require_version(session, slug, b)
        con = engine_connection(settings)
        try:
            side_a = describe(con, a, instance.lake.data_file(before.lake_path), before.schema_json)
            side_b = describe(con, b, instance.lake.data_file(after.lake_path), after.schema_json)
            if key:
                chosen, note = require_key(con, side_a, side_b, tuple(key)), None
            else:
                chosen, note = choose_key(con, side_a, side_b)
            compared = common_columns(side_a, side_b)
            if chosen:
                rows = by_key(con, side_a, side_b, chosen, sample_size)
            else:
                rows = by_content(con, side_a, side_b, compared, sample_size)
        finally:
            con.close()
    finally:
        instance.close()
    return VersionDiff(
        slug=slug,
        a=a,
        b=b,
        method=("key" if key else "primaryKey") if chosen else "content",
        key=chosen,
        compared=compared,
        rows_before=before.row_count,
        rows_after=after.row_count,
        added=rows.added,
        removed=rows.removed,
        changed=rows.changed,
        columns=compare_columns(side_a, side_b),
        changed_fields=rows.changed_fields,
        sample_added=rows.sample_added,
        sample_removed=rows.sample_removed,
        sample_changed=rows.sample_changed,
        note=note,
    )
