"""The portal's routes, one module per page type."""

from __future__ import annotations

from fastapi import APIRouter

from territoria.web.routes import (
    catalogue,
    dataset,
    home,
    indicator,
    language,
    packs,
    territory,
    territory_map,
    territory_search,
    upload,
    upload_publish,
    upload_steps,
    versions,
)


def routers() -> list[APIRouter]:
    """Every page's router, in the order their paths are matched."""
    return [
        language.router,
        home.router,
        catalogue.router,
        dataset.router,
        upload.router,
        upload_steps.router,
        upload_publish.router,
        versions.router,
        territory_search.router,
        territory_map.router,
        territory.router,
        packs.router,
        indicator.router,
    ]
