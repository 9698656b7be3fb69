"""What a harvest did, dataset by dataset, and the exit code it gives (0 fine, 1 some failed)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ACTIONS = ("created", "updated", "unchanged", "failed", "would-create", "would-update")


@dataclass
class Outcome:
    """One remote dataset: what became of it here (``action``), the dataset and version it
    landed in, rows stored and set aside in quarantine, notes on what did not carry over, and
    why it failed (both languages) when it did."""

    remote_id: str
    slug: str | None = None
    action: str = "unchanged"
    version: int | None = None
    rows: int | None = None
    quarantined_rows: int = 0
    new_version: bool = False
    notes: list[str] = field(default_factory=list)
    error_fr: str | None = None
    error_en: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The outcome as the JSON report writes it (camelCase)."""
        return {
            "remoteId": self.remote_id,
            "slug": self.slug,
            "action": self.action,
            "version": self.version,
            "newVersion": self.new_version,
            "rows": self.rows,
            "quarantinedRows": self.quarantined_rows,
            "notes": self.notes,
            "error": None if self.error_en is None else {"fr": self.error_fr, "en": self.error_en},
        }


@dataclass
class HarvestReport:
    """The whole run: source, kind, whether it was a dry run, and every dataset's outcome."""

    source: str
    kind: str
    dry_run: bool
    outcomes: list[Outcome] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """How many datasets ended in each action."""
        return {a: sum(o.action == a for o in self.outcomes) for a in ACTIONS}

    @property
    def exit_code(self) -> int:
        """0 when every dataset came over, 1 when some failed."""
        return 1 if any(o.action == "failed" for o in self.outcomes) else 0

    def to_dict(self) -> dict[str, Any]:
        """The report as ``--format json`` prints it."""
        return {
            "source": self.source,
            "kind": self.kind,
            "dryRun": self.dry_run,
            "counts": self.counts(),
            "datasets": [o.to_dict() for o in self.outcomes],
        }
