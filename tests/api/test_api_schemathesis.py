"""Schemathesis over our OpenAPI: every operation of every API, fuzzed against a real
uvicorn, answers no server error (0 × 5xx), with valid and invalid inputs alike.

The schema is read from the live server at test time, so the routers other APIs add are
fuzzed as they land. Writes run with the administrator's token, on a throwaway instance of
real datasets of its own (the shared live instance stays as the other tests expect it);
half the calls are anonymous, and path parameters are often real slugs and version numbers,
so that the fuzzing reaches past the 404 of a random identifier.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from live_server import ADMIN_TOKEN, build_instance, serving
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.errors import FailureGroup

CALLS = 600  # generated calls in all, shared by the operations (bounds the test's time)
MIN_EXAMPLES = 4  # per operation and generation mode, however many operations there are
REAL_VALUES = {
    "slug": ("fontaines-paris", "subventions-31", "prenoms-prive"),
    "dataset_id": ("fontaines-paris", "trilib-paris", "prenoms-prive"),
    "number": ("1", "2"),
    "a": ("1",),
    "b": ("1", "2"),
}


@pytest.fixture(scope="module")
def fuzzed_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A throwaway instance of real datasets behind its own uvicorn."""
    with serving(build_instance(tmp_path_factory.mktemp("fuzzed") / "home")) as url:
        yield url


def _server_errors(
    url: str, operation: schemathesis.APIOperation, mode: GenerationMode, examples: int
) -> list[str]:
    """The curl commands of the generated calls to ``operation`` answered with a 5xx."""
    found: list[str] = []

    @given(case=operation.as_strategy(generation_mode=mode), data=st.data())
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.generate],
    )
    def call(case: schemathesis.Case, data: st.DataObject) -> None:
        for name in list(case.path_parameters or {}):
            if name in REAL_VALUES and data.draw(st.booleans()):
                case.path_parameters[name] = data.draw(st.sampled_from(REAL_VALUES[name]))
        admin = data.draw(st.booleans())
        headers = {"Authorization": f"Bearer {ADMIN_TOKEN}"} if admin else {}
        with requests.Session() as session:
            response = case.call(base_url=url, session=session, headers=headers, timeout=60)
        try:
            case.validate_response(response, checks=(not_a_server_error,))
        except FailureGroup as failure:
            found.append(f"{response.status_code} {case.as_curl_command()}: {failure}")

    with contextlib.suppress(Unsatisfiable):  # an operation without parameters: no bad input
        call()
    return found


@pytest.mark.slow
def test_no_operation_answers_a_server_error(fuzzed_url: str) -> None:
    schema = schemathesis.openapi.from_url(f"{fuzzed_url}/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 13  # at least the health check and the native API
    modes = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
    examples = max(MIN_EXAMPLES, CALLS // (len(operations) * len(modes)))
    failures: list[str] = []
    for operation in operations:
        for mode in modes:
            failures += _server_errors(fuzzed_url, operation, mode, examples)
    assert failures == [], "\n".join(failures[:20])
