"""The upload wizard's store: unguessable ids, files moved in, time to live, drafts kept."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from territoria.errors import NotFoundError
from territoria.services.upload_drafts import OPEN_FOR, UploadStore


def _received(folder: Path, name: str = "file.csv") -> Path:
    path = folder / "scratch" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    return path


def test_an_upload_keeps_its_file_and_choices_under_an_unguessable_id(tmp_path: Path) -> None:
    store = UploadStore(tmp_path)
    received = _received(tmp_path)
    upload = store.create(received, "jeu", "Titre")
    assert len(upload.id) == 32 and upload.id != store.create(_received(tmp_path), "x", None).id
    assert not received.exists() and store.file(upload).parent == store.root / upload.id
    upload.options = {"delimiter": "semicolon"}
    upload.types = {"a": "integer"}
    store.save(upload)
    again = store.get(upload.id)
    assert (again.slug, again.title, again.options, again.types) == (
        "jeu",
        "Titre",
        {"delimiter": "semicolon"},
        {"a": "integer"},
    )
    assert store.file(again).read_text(encoding="utf-8") == "a,b\n1,2\n"
    store.replace_file(again, _received(tmp_path, "corrige.csv"))
    assert store.file(store.get(upload.id)).name == "corrige.csv"
    store.remove(upload.id)
    with pytest.raises(NotFoundError):
        store.get(upload.id)


@pytest.mark.parametrize("wrong", ["../../etc", "x" * 31, "a/b" + "c" * 29, ""])
def test_an_id_that_is_not_one_of_ours_is_not_found(tmp_path: Path, wrong: str) -> None:
    with pytest.raises(NotFoundError):
        UploadStore(tmp_path).get(wrong)


def test_expired_uploads_are_erased_and_drafts_live_longer(tmp_path: Path) -> None:
    store = UploadStore(tmp_path)
    old = store.create(_received(tmp_path, "old.csv"), "vieux", None)
    draft = store.create(_received(tmp_path, "draft.csv"), "brouillon", None)
    yesterday = (dt.datetime.now(dt.UTC) - OPEN_FOR - dt.timedelta(minutes=1)).isoformat()
    for upload in (old, draft):
        upload.created = yesterday
    draft.draft = True
    store.save(old)
    store.save(draft)
    assert [u.id for u in store.drafts()] == [draft.id]  # purged the other on the way
    with pytest.raises(NotFoundError):
        store.get(old.id)
    assert not (store.root / old.id).exists()
