"""Repository behaviour: organisations, datasets, version numbering, hash lookup, errors."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from territoria.catalog import repository as repo
from territoria.catalog.models import Dataset, Version
from territoria.catalog.slugs import InvalidSlugError, validate_slug
from territoria.errors import NotFoundError, UserError


def _add(session: Session, dataset: Dataset, sha: str, **extra: object) -> Version:
    number = repo.next_version_number(session, dataset.id)
    fields: dict[str, object] = {
        "source_filename": f"{sha}.csv",
        "source_sha256": sha,
        "source_bytes": 10,
        "row_count": 3,
        "detection": {"encoding": "utf-8", "delimiter": ";", "headerRow": 1},
    }
    fields.update(extra)
    return repo.add_version(
        session, dataset, number=number, lake_path=f"{dataset.slug}/v{number}", **fields
    )


@pytest.mark.parametrize("slug", ["a", "subventions-2024", "x" * 100, "0-9"])
def test_valid_slugs(slug: str) -> None:
    assert validate_slug(slug) == slug


@pytest.mark.parametrize("slug", ["", "A", "é", "a_b", "a b", "../etc", "a/b", "x" * 101, "a\n"])
def test_invalid_slugs_raise_user_error_fr_en(slug: str) -> None:
    with pytest.raises(InvalidSlugError) as info:
        validate_slug(slug)
    assert isinstance(info.value, ValueError)
    assert "invalide" in info.value.message_fr and "Invalid" in info.value.message_en


def test_organisation_is_created_once(session: Session) -> None:
    first = repo.get_or_create_organisation(session, "21750001600019", "Paris", kind="commune")
    again = repo.get_or_create_organisation(session, "21750001600019")
    assert first.id == again.id and again.name == "Paris" and again.kind == "commune"
    assert first.created_at.tzinfo is not None


def test_organisation_kind_is_checked(session: Session) -> None:
    with pytest.raises(UserError):
        repo.get_or_create_organisation(session, "123", kind="village")


def test_create_and_get_dataset(session: Session) -> None:
    org = repo.get_or_create_organisation(session, "75056", "Paris")
    created = repo.create_dataset(
        session, "subventions", title="Subventions", organisation=org, keywords=["aides"]
    )
    session.commit()
    found = repo.require_dataset(session, "subventions")
    assert found.id == created.id and found.organisation is org
    assert found.visibility == "public" and found.keywords == ["aides"] and found.language == "fr"
    assert repo.get_dataset(session, "absent") is None
    assert [d.slug for d in repo.list_datasets(session)] == ["subventions"]


def test_create_dataset_refuses_duplicates_bad_slugs_and_visibility(session: Session) -> None:
    repo.create_dataset(session, "eau")
    with pytest.raises(repo.DatasetExistsError):
        repo.create_dataset(session, "eau")
    with pytest.raises(InvalidSlugError):
        repo.create_dataset(session, "Eau Potable")
    with pytest.raises(UserError):
        repo.create_dataset(session, "eau-2", visibility="secret")
    with pytest.raises(TypeError):
        repo.create_dataset(session, "eau-3", colour="blue")


def test_unknown_dataset_raises_not_found(session: Session) -> None:
    with pytest.raises(NotFoundError) as info:
        repo.require_dataset(session, "inconnu")
    assert info.value.http_status == 404
    assert "introuvable" in info.value.message_fr and "not found" in info.value.message_en
    with pytest.raises(NotFoundError):
        repo.list_versions(session, "inconnu")
    with pytest.raises(NotFoundError):
        repo.latest_version(session, "inconnu")


def test_versions_are_numbered_per_dataset(session: Session) -> None:
    a = repo.create_dataset(session, "a")
    b = repo.create_dataset(session, "b")
    assert repo.next_version_number(session, a.id) == 1
    assert repo.latest_version(session, "a") is None
    _add(session, a, "h1", schema_json={"fields": [{"name": "x"}]})
    _add(session, a, "h2")
    _add(session, b, "h1")
    session.commit()
    assert [v.number for v in repo.list_versions(session, "a")] == [1, 2]
    assert [v.number for v in repo.list_versions(session, "b")] == [1]
    latest = repo.latest_version(session, "a")
    assert latest is not None and latest.number == 2 and latest.status == "committed"
    assert repo.next_version_number(session, a.id) == 3
    assert repo.require_version(session, "a", 1).source_sha256 == "h1"
    assert a.schema_json == {"fields": [{"name": "x"}]}
    assert latest.created_at <= dt.datetime.now(dt.UTC)
    with pytest.raises(NotFoundError):
        repo.require_version(session, "a", 9)


def test_version_number_is_unique_per_dataset(session: Session) -> None:
    a = repo.create_dataset(session, "a")
    _add(session, a, "h1")
    with pytest.raises(IntegrityError):
        repo.add_version(
            session,
            a,
            number=1,
            lake_path="a/v1-bis",
            source_filename="f",
            source_sha256="h2",
            source_bytes=1,
            row_count=0,
        )


def test_find_version_by_hash(session: Session) -> None:
    a = repo.create_dataset(session, "a")
    b = repo.create_dataset(session, "b")
    v1 = _add(session, a, "same")
    _add(session, a, "other")
    found = repo.find_version_by_hash(session, a.id, "same")
    assert found is not None and found.id == v1.id
    assert repo.find_version_by_hash(session, b.id, "same") is None


def test_referenced_lake_paths(session: Session) -> None:
    a = repo.create_dataset(session, "a")
    _add(session, a, "h1")
    _add(session, a, "h2", report={"valid": False}, quarantined=True, invalid_row_count=1)
    session.commit()
    assert repo.referenced_lake_paths(session) == {"a/v1", "a/v2"}


def test_deleting_a_dataset_cascades_to_versions(session: Session) -> None:
    a = repo.create_dataset(session, "a")
    _add(session, a, "h1")
    session.commit()
    session.delete(a)
    session.commit()
    assert repo.referenced_lake_paths(session) == set()
