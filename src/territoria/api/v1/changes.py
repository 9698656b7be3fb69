"""What changed between two versions (diff) and going back to an earlier one (rollback),
through the foundation's services; a diff is a read (visibility rule), a rollback a write."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from territoria.api.deps import ActorDep, AdminDep, SessionDep, StateDep
from territoria.api.v1.bodies import version_body, version_url
from territoria.api.v1.models import RollbackRequest, RollbackResult
from territoria.api.v1.versions import VersionNumber
from territoria.security.visibility import require_visible_dataset, require_visible_version
from territoria.services.diffing import SAMPLE_SIZE, diff_versions
from territoria.services.rollback import rollback_version

router = APIRouter(tags=["versions"])


@router.get("/datasets/{slug}/versions/{a}/diff/{b}", operation_id="v1_diff_versions")
def diff(
    slug: str,
    a: VersionNumber,
    b: VersionNumber,
    session: SessionDep,
    actor: ActorDep,
    state: StateDep,
    key: Annotated[
        list[str] | None,
        Query(max_length=20, description="Colonne clé, répétable / key column, repeatable"),
    ] = None,
    sample: Annotated[
        int, Query(ge=0, le=1000, description="Exemples par sorte / examples per kind")
    ] = SAMPLE_SIZE,
) -> dict[str, Any]:
    """Ce qui a changé de la version a à la version b / what changed from version a to b.

    Rows matched by ``key`` when given, else the schema's primary key, else by content.
    """
    require_visible_version(session, slug, actor, a)
    require_visible_version(session, slug, actor, b)
    found = diff_versions(slug, a, b, state.settings, key=key or (), sample_size=sample)
    return found.to_dict()


@router.post(
    "/datasets/{slug}/rollback",
    operation_id="v1_rollback_dataset",
    status_code=201,
    responses={
        201: {"model": RollbackResult, "description": "Version créée / version created"},
        200: {"model": RollbackResult, "description": "Déjà ce contenu / already that content"},
    },
)
def rollback(
    slug: str, request: RollbackRequest, session: SessionDep, state: StateDep, admin: AdminDep
) -> JSONResponse:
    """Nouvelle version au contenu d'une version antérieure / new version restoring one.

    201 with the new version; 200 with the latest when it already holds that content.
    """
    require_visible_dataset(session, slug, admin)
    session.close()  # the service reads the catalogue in its own session
    result = rollback_version(slug, request.to, state.settings)
    body: dict[str, Any] = {
        "created": result.created,
        "restored": result.target.number,
        "version": version_body(slug, result.version),
    }
    headers = {"Location": version_url(slug, result.version.number)}
    return JSONResponse(body, status_code=201 if result.created else 200, headers=headers)
