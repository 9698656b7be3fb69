"""CKAN's Action API, read subset, at ``/api/3/action/`` (and ``/api/action/``, ckanapi's path).

Every action answers GET (query string) and POST (JSON body) in CKAN's envelope, with
CKAN's error types and statuses, so that ckanapi, harvesters (udata's among them) and
scripts written for CKAN portals read this catalogue unchanged. An unknown action gets
CKAN's 400 bare string; ``datastore_search_sql`` is unknown unless the instance opens it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import orjson
from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from territoria.api.ckan import datastore, datastore_sql, organisations, packages, resources, status
from territoria.api.ckan.envelope import failure, routing_failure, success, unknown_action_body
from territoria.api.ckan.lookup import Call
from territoria.api.ckan.params import BadRequestDataError, request_data
from territoria.api.deps import ActorDep, StateDep
from territoria.api.errors import register_error_shape
from territoria.api.state import ServerState
from territoria.errors import UserError
from territoria.security.actor import Actor

Action = Callable[[Call, dict[str, Any]], Any]
ACTIONS: dict[str, Action] = {
    "status_show": status.status_show,
    "package_list": packages.package_list,
    "package_search": packages.package_search,
    "package_show": packages.package_show,
    "organization_list": organisations.organization_list,
    "organization_show": organisations.organization_show,
    "resource_show": resources.resource_show,
    "datastore_search": datastore.datastore_search,
    "datastore_search_sql": datastore_sql.datastore_search_sql,
}
ACTIONS["help_show"] = status.help_show(ACTIONS)
JSON = "application/json;charset=utf-8"

router = APIRouter(tags=["CKAN"])


def _json(body: Any, status: int = 200) -> Response:
    return Response(orjson.dumps(body, default=str), status_code=status, media_type=JSON)


def public_root(request: Request, state: ServerState) -> str:
    """``https://host``: the public URL when configured (behind a proxy), else the request's."""
    return (state.settings.public_url or str(request.base_url)).rstrip("/")


def _run(
    state: ServerState, actor: Actor, base: str, action: Action, params: dict[str, Any]
) -> Any:
    with state.instance.session() as session:
        return action(Call(state, session, actor, base), params)


async def action(name: str, request: Request, state: StateDep, actor: ActorDep) -> Response:
    """Run the action ``name`` with the request's parameters."""
    found = ACTIONS.get(name)
    if name == "datastore_search_sql" and not state.settings.ckan_datastore_sql:
        found = None
    if found is None:
        return _json(unknown_action_body(name), 400)
    base = public_root(request, state)
    try:
        params = await request_data(request)
        params.pop("callback", None)
        result = await run_in_threadpool(_run, state, actor, base, found, params)
    except BadRequestDataError as error:  # CKAN answers a bare string here too
        return _json(error.message_en, 400)
    except UserError as error:
        return _json(failure(base, name, error), error.http_status)
    return _json(success(base, name, result))


for _prefix in ("/api/3/action", "/api/action"):
    for _method in ("GET", "POST"):  # one operation id per method, as the docs need
        router.add_api_route(
            _prefix + "/{name}",
            action,
            methods=[_method],
            include_in_schema=_prefix == "/api/3/action",
            operation_id=f"ckan_action_{_method.lower()}",
            summary="Action CKAN (lecture) · CKAN action (read)",
        )


@router.get("/api/3", include_in_schema=False)
def api_version() -> Response:
    """CKAN's API root: its version."""
    return _json({"version": 3})


@router.get(
    "/api/util/status", operation_id="ckan_util_status", summary="Statut CKAN · CKAN status"
)
def util_status(request: Request, state: StateDep) -> Response:
    """The site's status as CKAN's ``/api/util/status`` gives it."""
    return _json(status.site_status(state.settings, public_root(request, state)))


for _shape_prefix in ("/api/3/", "/api/action/", "/api/util/"):
    register_error_shape(_shape_prefix, routing_failure)
