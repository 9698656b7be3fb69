"""diff_versions on versions ingested through the real CLI from files the tests write: by
primary key, by content with duplicates, column changes, samples, errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from territoria.cli.main import app
from territoria.config import Settings, load_settings
from territoria.errors import NotFoundError
from territoria.services.diff_plan import DiffKeyError
from territoria.services.diffing import diff_versions


class Instance:
    """A fresh instance; ``ingest`` writes a CSV (and its schema) and ingests it for real."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp = tmp_path
        self.home = tmp_path / "instance"
        self.count = 0
        self.run("init")

    @property
    def settings(self) -> Settings:
        return load_settings(self.home)

    def run(self, *args: str | Path) -> Any:
        result = CliRunner().invoke(app, ["--home", str(self.home), *map(str, args)])
        assert result.exit_code == 0, result.output
        return result

    def ingest(self, slug: str, text: str, schema: dict[str, Any] | None = None) -> None:
        self.count += 1
        source = self.tmp / f"{slug}-{self.count}.csv"
        source.write_text(text, encoding="utf-8")
        extra: list[str | Path] = []
        if schema is not None:
            path = self.tmp / f"{slug}-{self.count}.schema.json"
            path.write_text(json.dumps(schema), encoding="utf-8")
            extra = ["--schema", path]
        self.run("ingest", source, "--dataset", slug, *extra)

    def diff(self, slug: str, a: int, b: int, **options: Any) -> dict[str, Any]:
        found = diff_versions(slug, a, b, self.settings, **options).to_dict()
        json.dumps(found, allow_nan=False)  # what the CLI and the API will serialise
        return found


def _schema(*fields: tuple[str, str], key: list[str] | None = None) -> dict[str, Any]:
    schema: dict[str, Any] = {"fields": [{"name": n, "type": t} for n, t in fields]}
    if key:
        schema["primaryKey"] = key
    return schema


SUBSIDIES = _schema(
    ("id", "integer"), ("beneficiaire", "string"), ("montant", "number"), ("date", "date"),
    key=["id"],
)  # fmt: skip


@pytest.fixture
def instance(tmp_path: Path) -> Instance:
    return Instance(tmp_path)


def test_primary_key_diff_counts_fields_and_samples(instance: Instance) -> None:
    head = "id,beneficiaire,montant,date\n"
    instance.ingest(
        "subv",
        head + "1,Club,100,2024-01-01\n2,École,200,2024-02-01\n3,Asso,300,2024-03-01\n"
        "4,Foyer,400,2024-04-01\n",
        SUBSIDIES,
    )
    instance.ingest(
        "subv",
        head + "4,Foyer,400,2024-04-01\n1,Club,150,2024-01-01\n3,Asso B,300,2024-03-15\n"
        "5,Ciné,50,\n",
        SUBSIDIES,
    )
    diff = instance.diff("subv", 1, 2)
    assert diff["method"] == "primaryKey" and diff["primaryKey"] == ["id"]
    assert diff["rows"] == {
        "before": 4, "after": 4, "added": 1, "removed": 1, "changed": 2, "unchanged": 1,
    }  # fmt: skip
    assert diff["changedFields"] == {"beneficiaire": 1, "montant": 1, "date": 1}
    assert diff["sample"]["added"] == [
        {"key": {"id": 5}, "row": {"id": 5, "beneficiaire": "Ciné", "montant": 50.0, "date": None}}
    ]
    assert diff["sample"]["removed"] == [
        {
            "key": {"id": 2},
            "row": {"id": 2, "beneficiaire": "École", "montant": 200.0, "date": "2024-02-01"},
        }
    ]
    assert diff["sample"]["changed"] == [
        {"key": {"id": 1}, "changes": {"montant": {"before": 100.0, "after": 150.0}}},
        {
            "key": {"id": 3},
            "changes": {
                "beneficiaire": {"before": "Asso", "after": "Asso B"},
                "date": {"before": "2024-03-01", "after": "2024-03-15"},
            },
        },
    ]
    assert diff["identical"] is False and diff["columns"] == {
        "added": [], "removed": [], "retyped": [],
    }  # fmt: skip
    backwards = instance.diff("subv", 2, 1)
    assert (backwards["rows"]["added"], backwards["rows"]["removed"]) == (1, 1)
    assert backwards["sample"]["added"][0]["key"] == {"id": 2}


def test_composite_key_and_nulls(instance: Instance) -> None:
    schema = _schema(("annee", "integer"), ("commune", "string"), ("valeur", "integer"))
    schema["primaryKey"] = ["annee", "commune"]
    head = "annee,commune,valeur\n"
    instance.ingest("pop", head + "2020,75056,1\n2020,13055,\n2021,75056,3\n", schema)
    instance.ingest("pop", head + "2020,75056,1\n2020,13055,2\n2021,75056,\n", schema)
    diff = instance.diff("pop", 1, 2)
    assert diff["primaryKey"] == ["annee", "commune"]
    assert (diff["rows"]["added"], diff["rows"]["removed"], diff["rows"]["changed"]) == (0, 0, 2)
    pairs = [(c["key"], c["changes"]["valeur"]) for c in diff["sample"]["changed"]]
    assert pairs == [
        ({"annee": 2020, "commune": "13055"}, {"before": None, "after": 2}),
        ({"annee": 2021, "commune": "75056"}, {"before": 3, "after": None}),
    ]


def test_content_diff_counts_duplicates(instance: Instance) -> None:
    head = "nom,ville\n"
    instance.ingest("noms", head + "Alice,Paris\nAlice,Paris\nBob,Lyon\n")
    instance.ingest("noms", head + "Alice,Paris\nBob,Lyon\nBob,Lyon\nBob,Lyon\nChloé,Nice\n")
    diff = instance.diff("noms", 1, 2)
    assert diff["method"] == "content" and diff["primaryKey"] == [] and diff["note"] is None
    assert diff["rows"] == {
        "before": 3, "after": 5, "added": 3, "removed": 1, "changed": 0, "unchanged": 2,
    }  # fmt: skip
    assert diff["sample"]["added"] == [
        {"row": {"nom": "Bob", "ville": "Lyon"}, "count": 2},
        {"row": {"nom": "Chloé", "ville": "Nice"}, "count": 1},
    ]
    assert diff["sample"]["removed"] == [{"row": {"nom": "Alice", "ville": "Paris"}, "count": 1}]


def test_same_rows_in_another_order_are_no_change(instance: Instance) -> None:
    instance.ingest("ordre", "a,b\n1,x\n2,y\n2,y\n")
    instance.ingest("ordre", "a,b\n2,y\n1,x\n2,y\n")
    diff = instance.diff("ordre", 1, 2)
    assert diff["identical"] is True and diff["rows"]["unchanged"] == 3


def test_columns_added_removed_and_retyped(instance: Instance) -> None:
    before = _schema(("id", "integer"), ("montant", "integer"), ("code", "integer"), key=["id"])
    after = _schema(("id", "integer"), ("montant", "number"), ("code", "string"), key=["id"])
    after["fields"].append({"name": "commentaire", "type": "string"})
    before["fields"].append({"name": "ancien", "type": "boolean"})
    instance.ingest("cols", "id,montant,code,ancien\n1,10,7,true\n2,20,8,false\n", before)
    instance.ingest("cols", "id,montant,code,commentaire\n1,10,07,ok\n2,20.5,8,\n", after)
    diff = instance.diff("cols", 1, 2)
    assert diff["columns"] == {
        "added": [{"name": "commentaire", "type": "string"}],
        "removed": [{"name": "ancien", "type": "boolean"}],
        "retyped": [
            {"name": "montant", "before": "integer", "after": "number",
             "storageBefore": "BIGINT", "storageAfter": "DOUBLE"},
            {"name": "code", "before": "integer", "after": "string",
             "storageBefore": "BIGINT", "storageAfter": "VARCHAR"},
        ],
    }  # fmt: skip
    assert diff["compared"] == ["id", "montant", "code"]
    # 10 -> 10.0 is the same number; 7 -> "07" is another text than "7"
    assert diff["changedFields"] == {"montant": 1, "code": 1}
    changes = {tuple(c["key"].values()): c["changes"] for c in diff["sample"]["changed"]}
    assert changes == {
        (1,): {"code": {"before": "7", "after": "07"}},
        (2,): {"montant": {"before": 20.0, "after": 20.5}},
    }
    assert diff["sample"]["added"] == diff["sample"]["removed"] == []
    assert diff["identical"] is False


def test_a_key_that_is_not_unique_in_the_other_version_falls_back_to_content(
    instance: Instance,
) -> None:
    instance.ingest(
        "cle", "id,v\n1,a\n2,b\n", _schema(("id", "integer"), ("v", "string"), key=["id"])
    )
    instance.ingest("cle", "id,v\n1,a\n1,a\n2,c\n", _schema(("id", "integer"), ("v", "string")))
    diff = instance.diff("cle", 1, 2)
    assert diff["method"] == "content"
    assert "not unique in version 2" in diff["note"] and "non unique" in diff["noteFr"]
    assert (diff["rows"]["added"], diff["rows"]["removed"]) == (2, 1)


def test_a_key_missing_from_one_version_falls_back_to_content(instance: Instance) -> None:
    instance.ingest("perdu", "id,v\n1,a\n", _schema(("id", "integer"), ("v", "string"), key=["id"]))
    instance.ingest("perdu", "v\na\n", _schema(("v", "string")))
    diff = instance.diff("perdu", 1, 2)
    assert diff["method"] == "content" and "missing from one version" in diff["note"]
    assert diff["rows"]["unchanged"] == 1 and diff["columns"]["removed"][0]["name"] == "id"


def test_diff_of_a_version_with_itself_is_empty(instance: Instance) -> None:
    instance.ingest(
        "seul", "id,v\n1,a\n2,b\n", _schema(("id", "integer"), ("v", "string"), key=["id"])
    )
    instance.ingest("doublons", "v\na\na\n")
    for slug in ("seul", "doublons"):
        diff = instance.diff(slug, 1, 1)
        assert diff["identical"] is True
        assert diff["rows"]["added"] == diff["rows"]["removed"] == diff["rows"]["changed"] == 0
        assert diff["sample"] == {"added": [], "removed": [], "changed": []}


def test_samples_are_capped_counts_are_not(instance: Instance) -> None:
    schema = _schema(("id", "integer"), ("v", "integer"), key=["id"])
    instance.ingest("grand", "id,v\n" + "".join(f"{i},0\n" for i in range(100)), schema)
    instance.ingest("grand", "id,v\n" + "".join(f"{i},1\n" for i in range(100)), schema)
    diff = instance.diff("grand", 1, 2, sample_size=3)
    assert diff["rows"]["changed"] == 100 and diff["changedFields"] == {"v": 100}
    assert [c["key"]["id"] for c in diff["sample"]["changed"]] == [0, 1, 2]


def test_unknown_dataset_or_version_is_a_bilingual_not_found(instance: Instance) -> None:
    instance.ingest("connu", "a\n1\n")
    for slug, a, b in (("inconnu", 1, 2), ("connu", 1, 2), ("connu", 0, 1)):
        with pytest.raises(NotFoundError) as info:
            diff_versions(slug, a, b, instance.settings)
        assert "introuvable" in info.value.message_fr and "not found" in info.value.message_en


def test_quoted_names_a_retyped_key_and_no_shared_column(instance: Instance) -> None:
    """Headers with quotes and spaces stay names; a key whose type changed still matches its
    values as text; versions sharing no column differ by every row."""
    first = _schema(("id", "integer"), ('a"b', "integer"), ("x y", "string"), key=["id"])
    second = _schema(("id", "string"), ('a"b', "integer"), ("x y", "string"), key=["id"])
    instance.ingest("noms", 'id,"a""b",x y\n1,10,z\n2,20,w\n', first)
    instance.ingest("noms", 'id,"a""b",x y\n1,11,z\n3,20,w\n', second)
    instance.ingest("noms", "autre\n1\n")
    diff = instance.diff("noms", 1, 2)
    assert diff["method"] == "primaryKey" and diff["changedFields"] == {'a"b': 1}
    assert diff["sample"]["changed"] == [
        {"key": {"id": "1"}, "changes": {'a"b': {"before": 10, "after": 11}}}
    ]
    apart = instance.diff("noms", 2, 3)
    assert apart["compared"] == [] and (apart["rows"]["added"], apart["rows"]["removed"]) == (1, 2)
    assert apart["sample"]["added"] == [{"row": {"autre": 1}, "count": 1}]
    assert [s["row"]["id"] for s in apart["sample"]["removed"]] == ["1", "3"]


def test_a_chosen_key_matches_rows_of_inferred_schemas(instance: Instance) -> None:
    """Inferred schemas declare no primary key: ``key`` gives changed rows field by field."""
    instance.ingest("libre", "code,nom,pop\n75056,Paris,1\n13055,Marseille,2\n")
    instance.ingest("libre", "code,nom,pop\n75056,Paris,3\n69123,Lyon,4\n")
    assert instance.diff("libre", 1, 2)["method"] == "content"
    diff = instance.diff("libre", 1, 2, key=["code"])
    assert diff["method"] == "key" and diff["primaryKey"] == ["code"]
    assert (diff["rows"]["added"], diff["rows"]["removed"], diff["rows"]["changed"]) == (1, 1, 1)
    assert diff["sample"]["changed"][0]["changes"] == {"pop": {"before": 1, "after": 3}}


def test_a_chosen_key_missing_or_repeated_is_a_user_error(instance: Instance) -> None:
    instance.ingest("libre", "code,nom\n1,a\n1,b\n")
    instance.ingest("libre", "code,nom\n1,a\n2,b\n")
    with pytest.raises(DiffKeyError) as missing:
        diff_versions("libre", 1, 2, instance.settings, key=["absent"])
    assert "absente" in missing.value.message_fr and "missing" in missing.value.message_en
    with pytest.raises(DiffKeyError) as repeated:
        diff_versions("libre", 1, 2, instance.settings, key=["code"])
    assert "version 1" in repeated.value.message_en and "not unique" in repeated.value.message_en
    assert instance.diff("libre", 1, 2, key=["code", "nom"])["method"] == "key"
