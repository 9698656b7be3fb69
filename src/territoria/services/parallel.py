"""The files of a batch on worker processes: each worker sets up once, outcomes come in order.

Processes rather than threads: DuckDB releases the GIL, but a small file's reading (sniffing)
and its report are Python; on 60 small files two threads took as long as one. Workers are
spawned, not forked: the parent may hold threads (a progress bar) and DuckDB's state, and a
spawned worker is a child the parent waits for, so its CPU time counts as the command's (a
fork server's workers escape that count). Each worker pays its imports once (~0.6 s CPU);
this process, already loaded, takes files too.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import AbstractContextManager, ExitStack
from dataclasses import dataclass
from multiprocessing.util import Finalize
from typing import Any, Protocol

from territoria.errors import UserError
from territoria.services.batch import BatchInput, FileOutcome


class Worker(Protocol):
    """What a worker process holds: set up once, then one outcome per input."""

    def outcome(self, item: BatchInput) -> FileOutcome: ...


WorkerFactory = Callable[..., AbstractContextManager[Worker]]

_worker: Worker | None = None


@dataclass(frozen=True)
class _Carried:
    """An outcome on its way back: a user error travels as its class and attributes (its
    keyword-only constructor cannot be replayed by pickle)."""

    outcome: FileOutcome
    error_class: type[UserError] | None = None
    error_state: dict[str, Any] | None = None


def _carry(outcome: FileOutcome) -> _Carried:
    error = outcome.error
    if error is None:
        return _Carried(outcome)
    bare = FileOutcome(
        outcome.path, outcome.report, None, outcome.details, outcome.accepted, outcome.lines
    )
    return _Carried(bare, type(error), dict(vars(error)))


def _restore(carried: _Carried) -> FileOutcome:
    outcome = carried.outcome
    if carried.error_class is not None and carried.error_state is not None:
        error = carried.error_class.__new__(carried.error_class)
        vars(error).update(carried.error_state)
        error.args = (error.render(),)
        outcome.error = error
    return outcome


def _start(factory: WorkerFactory, args: tuple[Any, ...]) -> None:
    """Worker initialiser: enter the factory's context once; leave it when the worker ends."""
    global _worker
    context = factory(*args)
    _worker = context.__enter__()
    Finalize(None, context.__exit__, args=(None, None, None), exitpriority=10)


def _run(item: BatchInput) -> _Carried:
    assert _worker is not None, "worker used before its initialiser ran"
    return _carry(_worker.outcome(item))


def outcomes_in_pool(
    factory: WorkerFactory, args: tuple[Any, ...], items: Sequence[BatchInput], jobs: int
) -> Iterator[FileOutcome]:
    """The outcome of each item, in order, computed by this process and ``jobs - 1`` worker
    processes, each holding ``factory(*args)`` entered once (``factory``, ``args`` pickle).

    Whoever is free takes the next file: this process's worker when idle (it starts at
    once, with its imports already paid), else a worker process.
    """
    context = multiprocessing.get_context("spawn")
    with ExitStack() as stack:
        # Leaving early (an interrupt, a consumer that stops reading) drops the files not
        # started instead of checking them all first.
        pool = ProcessPoolExecutor(
            jobs - 1, mp_context=context, initializer=_start, initargs=(factory, args)
        )
        stack.callback(pool.shutdown, wait=True, cancel_futures=True)
        local = stack.enter_context(factory(*args))
        local_free = threading.Lock()

        def run(item: BatchInput) -> FileOutcome:
            if item.error is not None:  # nothing to read (and a user error does not pickle)
                return local.outcome(item)
            if local_free.acquire(blocking=False):
                try:
                    return local.outcome(item)
                finally:
                    local_free.release()
            return _restore(pool.submit(_run, item).result())

        feeders = ThreadPoolExecutor(jobs * 2)
        stack.callback(feeders.shutdown, wait=True, cancel_futures=True)
        yield from feeders.map(run, items)
