"""A ranked full-text index of a few thousand documents, built in Python (BM25F).

Why not the database's full-text search: SQLite (FTS5) and PostgreSQL (tsvector) differ in
analysis, ranking and syntax, and neither stems French the same way; a catalogue holds
hundreds to a few thousand datasets, whose index builds in milliseconds and is cached by the
catalogue's revision (see :mod:`territoria.services.catalogue_search`). One implementation
thus ranks the same on both backends.

Scoring is BM25F: each field's term frequency is length-normalised and weighted (title over
keywords and themes over description over field names), then saturated once per term. Every
query term must match (AND); a term also matches longer words it begins (``fontain`` …
``fontaines``, ``dech`` … ``dechets``) at half weight, so partial words typed find datasets.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from territoria.catalog.search.text import query_terms, terms

K1 = 1.2
B = 0.75
PREFIX_WEIGHT = 0.5
MIN_PREFIX = 3
WEIGHTS = {
    "title": 5.0,
    "keywords": 3.0,
    "themes": 2.5,
    "publisher": 1.5,
    "description": 1.0,
    "fields": 0.5,
}


def analyse(fields: Mapping[str, str]) -> dict[str, Counter[str]]:
    """The term counts of each field of a document (the costly step: done once per dataset
    and kept while its metadata does not change)."""
    return {name: Counter(terms(text)) for name, text in fields.items()}


@dataclass
class SearchIndex:
    """Postings ``term → {document: {field: count}}`` and field lengths, for BM25F."""

    keys: list[str] = field(default_factory=list)
    postings: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)
    lengths: dict[str, dict[str, int]] = field(default_factory=dict)
    average: dict[str, float] = field(default_factory=dict)
    vocabulary: list[str] = field(default_factory=list)  # sorted, for prefix look-ups

    @classmethod
    def build(cls, documents: Mapping[str, Mapping[str, Counter[str]]]) -> SearchIndex:
        """The index of ``documents``: key → :func:`analyse` of its fields."""
        index = cls(keys=list(documents))
        postings: dict[str, dict[str, dict[str, int]]] = defaultdict(dict)
        totals: Counter[str] = Counter()
        for key, fields in documents.items():
            index.lengths[key] = {}
            for name, counts in fields.items():
                index.lengths[key][name] = sum(counts.values())
                totals[name] += sum(counts.values())
                for term, count in counts.items():
                    postings[term].setdefault(key, {})[name] = count
        index.postings = dict(postings)
        index.vocabulary = sorted(postings)
        index.average = {name: totals[name] / max(len(documents), 1) for name in WEIGHTS}
        return index

    def _weighted_tf(self, key: str, per_field: Mapping[str, int]) -> float:
        total = 0.0
        for name, count in per_field.items():
            average = self.average.get(name) or 1.0
            norm = 1 - B + B * self.lengths[key].get(name, 0) / average
            total += WEIGHTS.get(name, 1.0) * count / norm
        return total

    def _matches(self, term: str, word: str) -> dict[str, float]:
        """Document → weighted term frequency of stem ``term``; stems that the typed ``word``
        begins match at half weight."""
        found: dict[str, float] = {}
        for key, per_field in self.postings.get(term, {}).items():
            found[key] = self._weighted_tf(key, per_field)
        if len(word) >= MIN_PREFIX:
            start = bisect.bisect_left(self.vocabulary, word)
            for other in itertools.islice(self.vocabulary, start, None):
                if not other.startswith(word):
                    break
                if other == term:
                    continue
                for key, per_field in self.postings[other].items():
                    tf = PREFIX_WEIGHT * self._weighted_tf(key, per_field)
                    found[key] = max(found.get(key, 0.0), tf)
        return found

    def search(self, query: str, among: Sequence[str] | None = None) -> dict[str, float] | None:
        """Score of each document (of ``among``) matching every term of ``query``; None when
        the query has no searchable term (then it filters nothing)."""
        wanted = query_terms(query)
        if not wanted:
            return None
        allowed = set(self.keys if among is None else among)
        scores = dict.fromkeys(allowed, 0.0)
        count = len(allowed) or 1
        for term, word in wanted:
            matches = {k: tf for k, tf in self._matches(term, word).items() if k in scores}
            idf = math.log(1 + (count - len(matches) + 0.5) / (len(matches) + 0.5))
            scores = {
                k: s + idf * matches[k] / (K1 + matches[k])
                for k, s in scores.items()
                if k in matches
            }
        return scores
