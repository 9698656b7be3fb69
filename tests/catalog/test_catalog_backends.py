"""What must not depend on the backend: JSON documents, instants, constraints, text lengths,
and the user errors that a duplicate slug or an unreachable database become."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, event, select, text
from sqlalchemy.exc import IntegrityError, StatementError
from sqlalchemy.orm import Session

from territoria.catalog import repository as repo
from territoria.catalog.database import (
    DatabaseUnreachableError,
    MissingDriverError,
    current_revision,
    make_engine,
    session_factory,
)
from territoria.catalog.integrity import violated_constraint
from territoria.catalog.models import Dataset, Organisation, Version

PARIS = ZoneInfo("Europe/Paris")


def _version(dataset: Dataset, number: int, **extra: Any) -> Version:
    fields: dict[str, Any] = {
        "number": number,
        "lake_path": f"{dataset.slug}/v{number}",
        "source_filename": "f.csv",
        "source_sha256": f"h{number}",
        "source_bytes": 1,
        "row_count": 0,
    }
    fields.update(extra)
    return Version(dataset=dataset, **fields)


def _fresh(engine: Engine) -> Session:
    """A new session: what it reads comes from the database, not from the identity map."""
    return session_factory(engine)()


DOCUMENT: dict[str, Any] = {
    "valid": False,
    "zeta": 1,
    "alpha": 2,
    "stats": {"errors": 2, "rows": 9_007_199_254_740_993, "ratio": 0.1, "empty": {}},
    "errors": [
        {"type": "type-error", "cell": "12,5 €", "fieldName": "montant", "rowNumber": 3},
        {"type": "encoding-error", "cell": "a\x00b\x1f\u2028😀", "note": None},
    ],
    "tags": [],
    "title": "Subventions aux associations — Communauté d'agglomération",
}


def test_json_documents_come_back_verbatim(engine: Engine) -> None:
    """Key order, big integers, NUL and control characters, emoji, nulls: as written (a jsonb
    column would reorder keys and refuse ``\\u0000``)."""
    with _fresh(engine) as session:
        dataset = repo.create_dataset(session, "docs", keywords=["déchets", "eau"])
        session.add(_version(dataset, 1, report=DOCUMENT, detection={"b": 1, "a": [None]}))
        session.commit()
    with _fresh(engine) as session:
        version = session.scalars(select(Version)).one()
        assert json.dumps(version.report) == json.dumps(DOCUMENT)
        assert list(version.detection) == ["b", "a"] and version.detection["a"] == [None]
        assert version.dataset.keywords == ["déchets", "eau"]
        assert version.schema_json is None and version.dataset.schema_json is None


@pytest.mark.parametrize("number", [float("nan"), float("inf")])
def test_json_refuses_nan_and_infinity_everywhere(session: Session, number: float) -> None:
    """Not JSON: PostgreSQL would refuse them, so SQLite must too rather than store them."""
    dataset = repo.create_dataset(session, "nan")
    session.add(_version(dataset, 1, report={"ratio": number}))
    with pytest.raises((StatementError, ValueError)) as info:
        session.flush()  # SQLAlchemy serialises for SQLite and wraps; psycopg serialises itself
    error = info.value.orig if isinstance(info.value, StatementError) else info.value
    assert isinstance(error, ValueError) and "JSON" in str(error)


def test_instants_come_back_in_utc_and_sort_by_instant(engine: Engine) -> None:
    """Written in Paris time across the autumn clock change, read back as the same instants in
    UTC (PostgreSQL's session runs in Paris time here) and ordered as instants."""
    before = dt.datetime(2024, 10, 27, 2, 30, 0, 123456, tzinfo=PARIS)  # 00:30 UTC, summer time
    after = dt.datetime(2024, 10, 27, 2, 10, fold=1, tzinfo=PARIS)  # 01:10 UTC, winter time
    with _fresh(engine) as session:
        dataset = repo.create_dataset(session, "heures")
        session.add_all(
            [_version(dataset, 1, created_at=after), _version(dataset, 2, created_at=before)]
        )
        session.commit()
    with _fresh(engine) as session:
        if engine.dialect.name == "postgresql":
            assert session.scalar(text("SHOW timezone")) == "Europe/Paris"
        ordered = list(session.scalars(select(Version).order_by(Version.created_at)))
        assert [v.number for v in ordered] == [2, 1]
        # in UTC: Python never finds a time of the repeated hour equal to another zone's
        assert [v.created_at for v in ordered] == [x.astimezone(dt.UTC) for x in (before, after)]
        assert all(v.created_at.tzinfo is dt.UTC for v in ordered)
        assert ordered[0].created_at.isoformat() == "2024-10-27T00:30:00.123456+00:00"
        written = repo.get_or_create_organisation(session, "75056").created_at  # utcnow()
        session.commit()
    with _fresh(engine) as session:
        read = repo.get_or_create_organisation(session, "75056").created_at
        assert read == written and read.microsecond == written.microsecond


def test_naive_datetimes_are_refused(session: Session) -> None:
    dataset = repo.create_dataset(session, "naif")
    session.add(_version(dataset, 1, created_at=dt.datetime(2024, 1, 1, 12)))
    with pytest.raises(StatementError) as info:
        session.flush()
    assert isinstance(info.value.orig, ValueError)


def _organisation(session: Session) -> None:
    session.add(Organisation(code="75056", name="Paris"))
    session.flush()
    session.add(Organisation(code="75056", name="Paris bis"))


def _slug(session: Session) -> None:
    session.add(Dataset(slug="eau", title="Eau"))
    session.flush()
    session.add(Dataset(slug="eau", title="Eau bis"))


def _number(session: Session) -> None:
    dataset = Dataset(slug="a", title="A")
    session.add(_version(dataset, 1))
    session.flush()
    session.add(_version(dataset, 1, lake_path="a/v1-bis"))


def _lake_path(session: Session) -> None:
    first, second = Dataset(slug="a", title="A"), Dataset(slug="b", title="B")
    session.add(_version(first, 1, lake_path="shared"))
    session.flush()
    session.add(_version(second, 1, lake_path="shared"))


def _kind(session: Session) -> None:
    session.add(Organisation(code="1", name="X", kind="village"))


def _visibility(session: Session) -> None:
    session.add(Dataset(slug="a", title="A", visibility="secret"))


def _positive(session: Session) -> None:
    session.add(_version(Dataset(slug="a", title="A"), 0))


@pytest.mark.parametrize(
    ("constraint", "violate"),
    [
        ("uq_organisation_code", _organisation),
        ("uq_dataset_slug", _slug),
        ("uq_version_dataset_id_number", _number),
        ("uq_version_lake_path", _lake_path),
        ("ck_organisation_kind", _kind),
        ("ck_dataset_visibility", _visibility),
        ("ck_version_number_positive", _positive),
    ],
)
def test_constraints_hold_and_are_named_alike(
    session: Session, constraint: str, violate: Callable[[Session], None]
) -> None:
    violate(session)
    with pytest.raises(IntegrityError) as info:
        session.flush()
    assert violated_constraint(info.value) == constraint


def test_a_slug_taken_concurrently_is_a_user_error(engine: Engine) -> None:
    """Two writers create the same slug: the second passed the existence check before the
    first committed, so the database's unique constraint refuses it, as our user error."""
    first, second = _fresh(engine), _fresh(engine)

    def first_commits(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.startswith("INSERT INTO dataset"):
            first.commit()

    try:
        repo.create_dataset(first, "eau", title="Premier")
        event.listen(second.connection(), "before_cursor_execute", first_commits)
        with pytest.raises(repo.DatasetExistsError) as info:
            repo.create_dataset(second, "eau", title="Second")
        assert isinstance(info.value.__cause__, IntegrityError)
        assert info.value.http_status == 409 and info.value.details == {"slug": "eau"}
        assert "existe déjà" in info.value.message_fr and "already exists" in info.value.message_en
        second.rollback()
        assert [d.title for d in repo.list_datasets(second)] == ["Premier"]
    finally:
        first.close()
        second.close()


def test_texts_longer_than_their_column_are_user_errors(session: Session) -> None:
    """PostgreSQL enforces ``varchar(n)`` and SQLite does not: both refuse, before the database."""
    code = "é" * 30  # characters, not bytes
    assert repo.get_or_create_organisation(session, code, "Œ" * 300).code == code
    with pytest.raises(repo.ValueTooLongError) as info:
        repo.get_or_create_organisation(session, "1" * 31)
    assert info.value.details == {"field": "code", "length": 31, "maxLength": 30}
    with pytest.raises(repo.ValueTooLongError):
        repo.create_dataset(session, "long", title="t" * 501)
    with pytest.raises(repo.ValueTooLongError):
        repo.create_dataset(session, "long", schema_ref="s" * 201)
    dataset = repo.create_dataset(session, "long", description="d" * 100_000)
    with pytest.raises(repo.ValueTooLongError):
        repo.add_version(session, dataset, number=1, lake_path="long/v1", source_filename="f" * 501)
    session.commit()
    assert len(repo.require_dataset(session, "long").description) == 100_000


def test_unreachable_postgresql_is_a_user_error_without_password() -> None:
    url = "postgresql://territoria:s3cret@127.0.0.1:1/catalogue?connect_timeout=2"
    with pytest.raises(DatabaseUnreachableError) as info:
        current_revision(url)
    shown = str(info.value)
    assert "127.0.0.1" in shown and "***" in shown and "s3cret" not in shown
    assert "injoignable" in info.value.message_fr and "unreachable" in info.value.message_en


def test_a_missing_driver_names_the_extra() -> None:
    assert importlib.util.find_spec("pg8000") is None, "this test needs a driver not installed"
    with pytest.raises(MissingDriverError) as info:
        make_engine("postgresql+pg8000://territoria:s3cret@localhost/catalogue")
    assert "territoria[postgresql]" in str(info.value) and "s3cret" not in str(info.value)


@pytest.mark.parametrize("scheme", ["postgresql", "postgres", "postgresql+psycopg"])
def test_plain_postgresql_urls_use_psycopg_3(scheme: str) -> None:
    engine = make_engine(f"{scheme}://territoria@localhost/catalogue")
    assert engine.dialect.name == "postgresql" and engine.dialect.driver == "psycopg"
    engine.dispose()
