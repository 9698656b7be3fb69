"""The FastAPI application: the server state, the error handlers, docs and every router."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI
from fastapi.middleware.cors import CORSMiddleware

from territoria import __version__
from territoria.api import ckan, dcat, explore_v21, health, v1
from territoria.api.docs import install_docs
from territoria.api.errors import install_error_handlers
from territoria.api.explore_v21.backend import release as explore_release
from territoria.api.private_cache import PrivateAnswers
from territoria.api.state import ServerState
from territoria.config import Settings


def routers() -> list[APIRouter]:
    """Every API's router, in the order their paths are matched."""
    return [health.router, v1.router, explore_v21.router, ckan.router, dcat.router]


def create_app(settings: Settings) -> FastAPI:
    """The platform for the instance of ``settings``, opened at start-up and closed at stop.

    The instance is opened here already so that a missing or outdated instance is refused
    before the server listens, with the same bilingual error as the CLI gives.
    """
    state = ServerState.open(settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        explore_release(state)
        state.close()

    app = FastAPI(
        title="Territoria",
        version=__version__,
        description=(
            "Plateforme de données territoriales : API Explore v2.1 d'Opendatasoft (ODSQL), "
            "API native v1 (écritures). *Territorial data platform: Opendatasoft Explore "
            "v2.1 (ODSQL) and the native v1 API (writes).*"
        ),
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.territoria = state
    # the read APIs are public data: dashboards on other domains call them from browsers, as
    # they call Opendatasoft's; writes still need the token, which browsers never send alone
    app.add_middleware(
        CORSMiddleware,
        allow_origins=["*"],
        allow_methods=["GET", "HEAD", "OPTIONS"],
        allow_headers=["Authorization", "Content-Type"],
    )
    app.add_middleware(PrivateAnswers)
    install_error_handlers(app)
    install_docs(app)
    for router in routers():
        app.include_router(router)
    return app
