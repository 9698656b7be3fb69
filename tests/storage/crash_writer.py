"""A writer the crash test kills: commits a version of dataset ``crash`` through lake + catalogue.

Usage: ``python crash_writer.py HOME ROWS SHA256``; with ``CRASH_PAUSE_AT=<step>`` it stops
at that step (printing ``pause:<step>``) so the test can SIGKILL it exactly there.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from territoria.catalog import repository as repo
from territoria.catalog.database import make_engine, session_factory, upgrade
from territoria.storage.lake import Lake
from territoria.storage.recovery import recover

BATCH = 100_000


def step(name: str) -> None:
    print(f"step:{name}", flush=True)
    if os.environ.get("CRASH_PAUSE_AT") == name:
        print(f"pause:{name}", flush=True)
        time.sleep(3600)


def main(home: Path, rows: int, sha256: str) -> None:
    url = f"sqlite:///{home / 'territoria.db'}"
    upgrade(url)
    lake = Lake(home / "lake", home / "tmp")
    engine = make_engine(url)
    with session_factory(engine)() as session:
        recover(lake, repo.referenced_lake_paths(session))
        dataset = repo.get_dataset(session, "crash") or repo.create_dataset(session, "crash")
        session.commit()
        step("started")
        if repo.find_version_by_hash(session, dataset.id, sha256) is not None:
            print("dedup", flush=True)
            return
        with lake.stage("crash") as staged:
            step("staged")
            schema = pa.schema([("n", pa.int64()), ("label", pa.string())])
            with pq.ParquetWriter(staged.data_path, schema) as writer:
                for start in range(0, rows, BATCH):
                    numbers = pa.array(range(start, min(start + BATCH, rows)), pa.int64())
                    labels = numbers.cast(pa.string())
                    writer.write_table(pa.table([numbers, labels], schema=schema))
                    step("writing")
            step("written")
            number = repo.next_version_number(session, dataset.id)
            path = staged.commit(number)
            step("renamed")
            repo.add_version(
                session,
                dataset,
                number=number,
                lake_path=path,
                source_filename=f"v{number}.csv",
                source_sha256=sha256,
                source_bytes=rows,
                row_count=rows,
            )
            step("flushed")
            session.commit()
            step("committed")
    engine.dispose()
    print("done", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3])
