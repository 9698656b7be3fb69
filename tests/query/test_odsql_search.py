"""Text search against a Python reading of Opendatasoft's documented rules, on real rows."""

from __future__ import annotations

import re
import unicodedata

import pytest
from odsql_catalogue import Catalogue

from territoria.query.request import RecordsRequest as R

TEXT_COLUMNS = ("nomBeneficiaire", "objet", "nomAttribuant")


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def words(text: str | None) -> list[str]:
    return [w for w in re.split(r"[\W_]+", fold(text or "")) if w]


def levenshtein(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def search_matches(values: list[str | None], text: str) -> bool:
    """Opendatasoft's search(): every term within Levenshtein 2 (>5 letters) / 1 (>2) of
    a word, the last term a prefix of a word; each term in any of the fields."""
    terms = words(text)
    for position, term in enumerate(terms, start=1):
        limit = 2 if len(term) > 5 else 1 if len(term) > 2 else 0
        candidates = [w for value in values for w in words(value)]
        if position == len(terms):
            found = any(w.startswith(term) for w in candidates)
        else:
            found = any(levenshtein(w, term) <= limit for w in candidates)
        if not found:
            return False
    return True


@pytest.mark.parametrize(
    "text",
    [
        "tenis club",
        "TENNIS",
        "clb de rocques sur",
        "subvension 2017",
        "olympiq ro",
        "ass",
        "zzzzzz",
    ],
)
def test_search_is_fuzzy_with_a_prefix_last_term(catalogue: Catalogue, text: str) -> None:
    columns = ", ".join(f'"{c}"' for c in TEXT_COLUMNS)
    rows = catalogue.sql(f"SELECT {columns} FROM v_subventions")
    expected = sorted((r[0] for r in rows if search_matches(list(r), text)), key=repr)
    fields = "nombeneficiaire, objet, nomattribuant"
    got = catalogue.run(
        "subventions", R(select="nombeneficiaire", where=(f'search({fields}, "{text}")',))
    )
    assert sorted((g[0] for g in got), key=repr) == expected
    if text != "zzzzzz":
        assert expected, "the case must match something to prove anything"


def test_suggest_matches_word_prefixes(catalogue: Catalogue) -> None:
    rows = catalogue.sql('SELECT "nomBeneficiaire" FROM v_subventions')
    expected = sorted(r[0] for r in rows if any(w.startswith("olymp") for w in words(r[0])))
    got = catalogue.run(
        "subventions", R(select="nombeneficiaire", where=('suggest(nombeneficiaire, "Olymp")',))
    )
    assert sorted(g[0] for g in got) == expected and expected
