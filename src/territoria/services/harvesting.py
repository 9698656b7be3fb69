"""Migration in: a whole remote catalogue (Opendatasoft, CKAN, DCAT) harvested into this
instance — metadata mapped field by field, data ingested through the foundation, remote ids
remembered so that a re-run updates, creates a version only when the data changed, and
finishes what a killed run left pending. One dataset's failure never stops the others."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from territoria.config import Settings
from territoria.errors import UserError
from territoria.harvest.http import PoliteClient, Politeness
from territoria.harvest.kind import detect, reader, source_key
from territoria.harvest.mapping import map_metadata
from territoria.harvest.remote import RemoteDataset, RemoteError, UnusableSourceError
from territoria.security.actor import ADMIN
from territoria.services.harvest_apply import apply_metadata, finish, plan
from territoria.services.harvest_data import bring_in
from territoria.services.harvest_records import reserve
from territoria.services.harvest_report import HarvestReport, Outcome
from territoria.services.instance import Instance, open_instance


@dataclass(frozen=True)
class HarvestOptions:
    """The source, its kind (None: detected), the publisher to give datasets whose remote
    names none, whether to write nothing, and how politely to ask."""

    source: str
    kind: str | None = None
    org: str | None = None
    dry_run: bool = False
    politeness: Politeness = field(default_factory=Politeness)


def _silent(_outcome: Outcome) -> None:
    return None


def list_remote(client: PoliteClient, source: str, kind: str) -> list[RemoteDataset]:
    """The whole remote catalogue; a source that cannot be listed is unusable (exit 2)."""
    try:
        return list(reader(kind)(client, source))
    except RemoteError as error:
        raise UnusableSourceError(
            f"catalogue illisible à « {source} » : {error.message_fr}",
            f"cannot list the catalogue at '{source}': {error.message_en}",
            hint_fr="vérifiez l'adresse et --kind",
            hint_en="check the address and --kind",
            details={"url": source, "kind": kind},
        ) from None


def harvest(
    settings: Settings,
    options: HarvestOptions,
    on_listed: Callable[[int], None] = lambda _n: None,
    on_done: Callable[[Outcome], None] = _silent,
) -> HarvestReport:
    """Harvest ``options.source`` into the instance of ``settings``; the report of every
    remote dataset (``on_done`` called as each ends, for a progress bar)."""
    instance = open_instance(settings)
    client = PoliteClient(options.politeness)
    try:
        kind = detect(client, options.source, options.kind)
        remotes = list_remote(client, options.source, kind)
        on_listed(len(remotes))
        report = HarvestReport(options.source, kind, options.dry_run)

        def one(remote: RemoteDataset) -> Outcome:
            outcome = _harvest_one(instance, client, kind, options, remote)
            on_done(outcome)
            return outcome

        pool = ThreadPoolExecutor(max(1, options.politeness.concurrency))
        try:
            report.outcomes = list(pool.map(one, remotes))
        except KeyboardInterrupt:  # Ctrl-C: start nothing more; what runs ends atomically
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        pool.shutdown()
        return report
    finally:
        client.close()
        instance.close()


def _harvest_one(
    instance: Instance,
    client: PoliteClient,
    kind: str,
    options: HarvestOptions,
    remote: RemoteDataset,
) -> Outcome:
    outcome = Outcome(remote.remote_id)
    mapped = map_metadata(remote, options.org)
    outcome.notes = mapped.notes
    key = source_key(kind, options.source)
    try:
        with instance.session() as session:
            step = plan(session, key, remote)
            outcome.slug, outcome.action = step.slug, step.action
            if options.dry_run and step.action != "unchanged":
                outcome.action = f"would-{step.action.removesuffix('d')}"
            if options.dry_run or step.action == "unchanged":
                return outcome
            record = reserve(session, key, kind, remote.remote_id, remote.slug)
            outcome.slug = record.slug
            known = record.data_sha256 if record.status == "done" else None
        sha = bring_in(instance, client, remote, (record.slug, mapped.schema, known), outcome)
        with instance.session() as session:
            changed = apply_metadata(session, record.slug, mapped.changes, ADMIN, outcome.notes)
            finish(session, key, remote, sha)
        if step.action != "created":
            outcome.action = "updated" if outcome.new_version or changed else "unchanged"
    except UserError as error:
        outcome.action, outcome.error_fr, outcome.error_en = (
            "failed",
            error.message_fr,
            error.message_en,
        )
    except Exception as error:  # a bug or a remote's oddity must not stop the other datasets
        outcome.action = "failed"
        outcome.error_fr = outcome.error_en = f"{type(error).__name__}: {error}"
    return outcome
