"""A polite HTTP client for remote portals: timeouts, retries with backoff on 429/5xx and
network errors, ``Retry-After`` honoured, a delay between requests, bounded concurrency, and
a User-Agent naming Territoria so the remote's administrators know who calls."""

from __future__ import annotations

import hashlib
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from territoria import __version__
from territoria.harvest.remote import RemoteError

USER_AGENT = f"Territoria/{__version__} (harvester; +https://territoria.fr)"
RETRIED = {429, 500, 502, 503, 504}
MAX_RETRY_AFTER = 60.0


@dataclass(frozen=True)
class Politeness:
    """How hard we may hit the remote: parallel requests, seconds between two, retries."""

    concurrency: int = 2
    delay: float = 0.0
    timeout: float = 30.0
    retries: int = 3
    backoff: float = 0.5


class PoliteClient:
    """An httpx client shared by the harvest's threads, spacing and bounding its requests."""

    def __init__(self, politeness: Politeness) -> None:
        self.politeness = politeness
        self._client = httpx.Client(
            timeout=politeness.timeout,
            follow_redirects=True,
            headers={"User-Agent": USER_AGENT},
        )
        self._slots = threading.BoundedSemaphore(max(1, politeness.concurrency))
        self._clock = threading.Lock()
        self._next_start = 0.0

    def close(self) -> None:
        """Close the connections."""
        self._client.close()

    def _wait_turn(self) -> None:
        """Space request starts by ``delay`` seconds, across threads."""
        with self._clock:
            now = time.monotonic()
            start = max(now, self._next_start)
            self._next_start = start + self.politeness.delay
        if start > now:
            time.sleep(start - now)

    def _pause(self, response: httpx.Response | None, attempt: int) -> float:
        retry_after = response.headers.get("Retry-After") if response is not None else None
        if retry_after and retry_after.strip().isdigit():
            return min(float(retry_after), MAX_RETRY_AFTER)
        return float(self.politeness.backoff * (2**attempt))

    def _send(
        self, url: str, params: dict[str, Any] | None, headers: dict[str, str]
    ) -> httpx.Response:
        """The response (streamed, the caller closes it) after retries; RemoteError else."""
        last = ""
        for attempt in range(self.politeness.retries + 1):
            response: httpx.Response | None = None
            with self._slots:
                self._wait_turn()
                try:
                    request = self._client.build_request("GET", url, params=params, headers=headers)
                    response = self._client.send(request, stream=True)
                except httpx.HTTPError as error:
                    last = f"{type(error).__name__}: {error}"
            if response is not None:
                if response.status_code not in RETRIED:
                    return response
                last = f"HTTP {response.status_code}"
                response.close()
            if attempt < self.politeness.retries:
                time.sleep(self._pause(response, attempt))
        raise RemoteError(
            f"échec de la requête {url} : {last}",
            f"request to {url} failed: {last}",
            details={"url": url, "reason": last},
        )

    def get(
        self, url: str, params: dict[str, Any] | None = None, accept: str = "*/*"
    ) -> httpx.Response:
        """The whole response to GET ``url`` (any status but the retried ones)."""
        response = self._send(url, params, {"Accept": accept})
        try:
            response.read()
        except httpx.HTTPError as error:
            raise RemoteError(
                f"réponse interrompue de {url} : {error}",
                f"response from {url} cut short: {error}",
                details={"url": url},
            ) from None
        finally:
            response.close()
        return response

    def get_json(self, url: str, params: dict[str, Any] | None = None) -> Any:
        """The JSON of a 200 answer to GET ``url``; RemoteError on another status or non-JSON."""
        response = self.get(url, params, accept="application/json")
        if response.status_code != 200:
            raise _status_error(url, response.status_code)
        try:
            return response.json()
        except ValueError:
            raise RemoteError(
                f"réponse non JSON de {url}",
                f"non-JSON answer from {url}",
                details={"url": url},
            ) from None

    def download(self, url: str, dest: Path) -> tuple[str, int]:
        """Stream ``url`` into ``dest`` (written as ``dest.part``, renamed once whole: a cut
        download is never taken for the file); its SHA-256 and size. The length is checked
        against ``Content-Length`` when the remote sends it."""
        part = dest.with_name(dest.name + ".part")
        response = self._send(url, None, {"Accept": "*/*"})
        digest, size = hashlib.sha256(), 0
        try:
            if response.status_code != 200:
                raise _status_error(url, response.status_code)
            with part.open("wb") as sink:
                for chunk in response.iter_bytes(1 << 20):
                    sink.write(chunk)
                    digest.update(chunk)
                    size += len(chunk)
                sink.flush()
                os.fsync(sink.fileno())
            expected = response.headers.get("Content-Length")
            encoded = response.headers.get("Content-Encoding")
            if expected and expected.isdigit() and not encoded and int(expected) != size:
                raise RemoteError(
                    f"téléchargement incomplet de {url} : {size} octets sur {expected}",
                    f"incomplete download of {url}: {size} of {expected} bytes",
                    details={"url": url, "bytes": size, "expected": int(expected)},
                )
        except httpx.HTTPError as error:
            raise RemoteError(
                f"téléchargement interrompu de {url} : {error}",
                f"download of {url} cut short: {error}",
                details={"url": url},
            ) from None
        finally:
            response.close()
        part.rename(dest)
        return digest.hexdigest(), size


def _status_error(url: str, status: int) -> RemoteError:
    return RemoteError(
        f"{url} a répondu HTTP {status}",
        f"{url} answered HTTP {status}",
        details={"url": url, "status": status},
    )
