"""The official DCAT-AP 3.0.1 SHACL shapes (``tests/data/dcat-ap``) and pySHACL's verdict.

The release's ``ranges.ttl`` lists five property shapes under ``dcat:DatasetShape`` and
others that neither file defines; pySHACL refuses such a dangling ``sh:property`` as a
malformed shape, so those five references are dropped (every defined shape still applies).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import httpx
import pyshacl
from rdflib import Graph
from rdflib.namespace import SH

SHAPES_DIR = Path(__file__).resolve().parents[1] / "data" / "dcat-ap"
SERIALISATIONS = {
    "text/turtle": "turtle",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
}


@cache
def shapes() -> Graph:
    """Both shape files in one graph, dangling shape references removed."""
    graph = Graph()
    for path in sorted(SHAPES_DIR.glob("*.ttl")):
        graph.parse(path, format="turtle")
    for shape, prop in list(graph.subject_objects(SH.property)):
        if (prop, None, None) not in graph:
            graph.remove((shape, SH.property, prop))
    return graph


def violations(data: Graph) -> list[str]:
    """The messages of every ``sh:Violation`` the shapes find in ``data`` (empty: conforms)."""
    _conforms, report, _text = pyshacl.validate(data, shacl_graph=shapes(), allow_warnings=True)
    assert isinstance(report, Graph)
    found = []
    for result in report.subjects(SH.resultSeverity, SH.Violation):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        found.append(f"{focus} {path}: {message}")
    return sorted(found)


def fetch(http: httpx.Client, path: str, **params: object) -> tuple[httpx.Response, Graph]:
    """GET ``path`` and parse the body in the format its ``Content-Type`` names."""
    response = http.get(path, params=params)
    response.raise_for_status()
    media = response.headers["content-type"].split(";")[0].strip()
    graph = Graph().parse(data=response.content, format=SERIALISATIONS[media])
    return response, graph
