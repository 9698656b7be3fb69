"""The polite client against a loopback server: 429 with Retry-After waited out, 5xx
retried with backoff then given up, a delay between requests, the User-Agent, and a cut
download never left as the file."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from fake_remote import Answer, fake_remote

from territoria.harvest.http import PoliteClient, Politeness
from territoria.harvest.remote import RemoteError


def _sequence(*answers: Answer):  # type: ignore[no-untyped-def]
    queue = list(answers)
    return lambda: queue.pop(0) if len(queue) > 1 else queue[0]


def test_429_retry_after_is_honoured_and_the_agent_named() -> None:
    busy = Answer(b"{}", status=429, headers={"Retry-After": "1"})
    ok = Answer(b'{"total_count": 0}')
    with fake_remote({"/page": _sequence(busy, ok)}) as remote:
        client = PoliteClient(Politeness(retries=2, backoff=0.01))
        try:
            started = time.monotonic()
            assert client.get_json(f"{remote.url}/page") == {"total_count": 0}
            waited = time.monotonic() - started
        finally:
            client.close()
    assert len(remote.asked) == 2 and waited >= 1.0
    assert all(agent.startswith("Territoria/") for agent in remote.agents)


def test_5xx_is_retried_then_reported() -> None:
    down = Answer(b"oops", status=503, content_type="text/plain")
    with fake_remote({"/page": down}) as remote:
        client = PoliteClient(Politeness(retries=2, backoff=0.01))
        try:
            with pytest.raises(RemoteError) as caught:
                client.get_json(f"{remote.url}/page")
        finally:
            client.close()
    assert len(remote.asked) == 3  # one try and two retries
    assert "503" in caught.value.message_en and "503" in caught.value.message_fr


def test_the_delay_spaces_requests() -> None:
    with fake_remote({"/page": Answer(b"{}")}) as remote:
        client = PoliteClient(Politeness(delay=0.2))
        try:
            started = time.monotonic()
            for _ in range(4):
                client.get_json(f"{remote.url}/page")
            spent = time.monotonic() - started
        finally:
            client.close()
    assert spent >= 0.6  # three gaps of 0.2 s between four requests


def test_a_cut_download_leaves_no_file(tmp_path: Path) -> None:
    with fake_remote({"/data.csv": Answer(b"a,b\n1,2\n", cut=True)}) as remote:
        client = PoliteClient(Politeness(retries=0))
        try:
            with pytest.raises(RemoteError):
                client.download(f"{remote.url}/data.csv", tmp_path / "data.csv")
        finally:
            client.close()
    assert not (tmp_path / "data.csv").exists()


def test_a_whole_download_gives_its_hash(tmp_path: Path) -> None:
    import hashlib

    body = b"a,b\n1,2\n"
    with fake_remote({"/data.csv": Answer(body, content_type="text/csv")}) as remote:
        client = PoliteClient(Politeness())
        try:
            digest, size = client.download(f"{remote.url}/data.csv", tmp_path / "data.csv")
        finally:
            client.close()
    assert (digest, size) == (hashlib.sha256(body).hexdigest(), len(body))
    assert (tmp_path / "data.csv").read_bytes() == body
