"""The computed results of a pack's indicators, read from its latest visible version.

Results are the dataset ``indicateurs-<pack>`` (one version per computation, the columns of
the results contract); a version never changes, so its table is read once per process and
kept, indexed (:class:`~territoria.services.results_index.ResultsIndex`), until a newer version
of the same dataset is read: one version per pack in memory. Every read asks the one
visibility rule first.
"""

from __future__ import annotations

from territoria.errors import NotFoundError, UserError
from territoria.indicators.model import IndicatorSpec
from territoria.packs.registry import get_pack
from territoria.security.actor import Actor
from territoria.security.visibility import require_visible_version
from territoria.services.instance import Instance
from territoria.services.results_index import ResultsIndex, read_indexed
from territoria.services.visible_versions import VisibleVersions


class UnknownIndicatorError(NotFoundError):
    """An indicator id that no bundled pack declares (exit 2, HTTP 404)."""

    code = "unknown-indicator"


class NotComputedError(UserError):
    """An indicator whose pack has no computed results on this instance (HTTP 409)."""

    code = "indicator-not-computed"
    http_status = 409


def results_slug(pack_id: str) -> str:
    """The slug of the results dataset of ``pack_id``."""
    return f"indicateurs-{pack_id}"


def find_indicator(indicator_id: str) -> IndicatorSpec:
    """The spec of ``<pack>.<name>``; a 404 naming it (and its pack's indicators) otherwise."""
    pack_id, dot, _ = indicator_id.partition(".")
    known: list[str] = []
    if dot and pack_id:
        try:
            pack = get_pack(pack_id)
        except NotFoundError:
            pack = None
        if pack is not None:
            for spec in pack.indicators:
                if spec.id == indicator_id:
                    return spec
            known = [spec.id for spec in pack.indicators]
    raise UnknownIndicatorError(
        f"indicateur inconnu : « {indicator_id} »",
        f"unknown indicator: '{indicator_id}'",
        hint_fr="ids <pack>.<nom> ; listez-les avec /api/v1/indicators",
        hint_en="ids are <pack>.<name>; list them with /api/v1/indicators",
        details={"indicator": indicator_id, "known": known},
    )


def results_index(
    instance: Instance, pack_id: str, actor: Actor, visible: VisibleVersions | None = None
) -> ResultsIndex | None:
    """The indexed latest results of ``pack_id`` that ``actor`` may read, or None; the rule
    answered by ``visible`` (kept per catalogue revision) when the caller has it."""
    try:
        if visible is not None:
            lake_path = visible.get(results_slug(pack_id), actor).lake_path
        else:
            with instance.session() as session:
                _, version = require_visible_version(session, results_slug(pack_id), actor)
                lake_path = version.lake_path
    except NotFoundError:
        return None
    return read_indexed(instance.lake.data_file(lake_path))


class ResultsReader:
    """The results one caller may read, each pack's looked up once: a page reading a pack
    for its panels, its map options and its map asks the visibility rule once."""

    def __init__(
        self, instance: Instance, actor: Actor, visible: VisibleVersions | None = None
    ) -> None:
        self.instance, self.actor, self.visible = instance, actor, visible
        self._found: dict[str, ResultsIndex | None] = {}

    def index(self, pack_id: str) -> ResultsIndex | None:
        """The indexed results of ``pack_id`` (None when there are none to read)."""
        if pack_id not in self._found:
            found = results_index(self.instance, pack_id, self.actor, self.visible)
            self._found[pack_id] = found
        return self._found[pack_id]


def require_index(
    instance: Instance, spec: IndicatorSpec, actor: Actor, reader: ResultsReader | None = None
) -> ResultsIndex:
    """The indexed results holding ``spec``'s pack (read through ``reader`` when given), else
    a 409 saying how to compute them."""
    index = (reader or ResultsReader(instance, actor)).index(spec.pack)
    if index is None:
        raise NotComputedError(
            f"l'indicateur « {spec.id} » n'est pas calculé sur cette instance "
            f"(pas de jeu « {results_slug(spec.pack)} »)",
            f"indicator '{spec.id}' is not computed on this instance "
            f"(no dataset '{results_slug(spec.pack)}')",
            hint_fr=f"territoria packs install {spec.pack} --territory ID, ingérez ses données, "
            f"puis territoria indicators compute --pack {spec.pack}",
            hint_en=f"territoria packs install {spec.pack} --territory ID, ingest its data, "
            f"then territoria indicators compute --pack {spec.pack}",
            details={"indicator": spec.id, "pack": spec.pack},
        )
    return index
