"""The Parquet lake: immutable dataset versions committed atomically next to the catalogue.

Layout::

    <lake root>/<slug>/v<N>/data.parquet          the valid rows of version N
                           /quarantine.parquet    rows refused by validation (optional)
                           /report.json           the validation report (optional)
    <tmp>/lake-staging/<slug>.<uuid>/            a version being written (private)
    <tmp>/lake-staging/<slug>.<uuid>.lock        flock held by the live writer
    <tmp>/scratch/owned-<uuid>/                  an ingest's scratch files (transcoded copy,
    <tmp>/scratch/owned-<uuid>.lock              spilled rows, DuckDB spills) and its flock
    <tmp>/lake-locks/<slug>.lock                 held shared by the dataset's live writers

Commit protocol (the caller is the service layer)::

    with lake.stage(slug) as staged:             # 1. private folder + writer lock
        write(staged.data_path, ...)             # 2. the caller writes the files
        path = staged.commit(number)             # 3. fsync files and folder; rename into
                                                 #    <root>/<slug>/v<N> (never over an
                                                 #    existing one); fsync the parent
        session.add(Version(lake_path=path, ...))
        session.commit()                         # 4. THEN the metadata transaction
    # 5. leaving the block releases the lock (and drops the folder if not committed)

If the metadata commit fails, the caller calls ``lake.remove_version(path)``.

Why a crash at any point leaves either the old state or the whole new version:

* before 3, the new files live only in staging, which no reader looks at;
* the rename in 3 is atomic on one filesystem (``Lake`` checks that), and it happens after
  every byte was fsynced, so a folder visible in the lake is complete, never half-written;
  fsyncing the parent makes the rename itself survive a power loss;
* between 3 and 4 the folder exists but no catalogue row points to it: every reader goes
  through the catalogue, so it is invisible; SQLite (WAL, ``synchronous=FULL``) or PostgreSQL
  makes 4 all-or-nothing;
* at start, :func:`storage.recovery.recover` erases staging folders and scratch areas whose
  lock is free (the kernel releases a dead writer's flock) and lake folders the catalogue
  does not reference; referenced folders are never touched. It erases a dataset's folders
  only while holding the dataset's lock exclusively (no writer of it alive) and after
  reading the catalogue again, so a version committed meanwhile by another process stays.
  Deleting renames out of the lake first, so a crash during a deletion cannot leave a half
  version visible either.

The crash test (``tests/storage/test_ingest_crash.py``) SIGKILLs real ``territoria ingest``
processes at random moments and at each phase of :mod:`storage.phases` to hold this proof.

Versions are immutable: nothing rewrites a committed folder; a new file is a new version.
"""
