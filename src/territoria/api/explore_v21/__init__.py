"""Opendatasoft's Explore API v2.1 at ``/api/explore/v2.1/``: catalogue, records, facets,
exports, with Opendatasoft's parameters, limits, JSON shapes and error bodies, so that
reusers' scripts, dashboards and Opendatasoft's own JS client work by changing the domain."""

from __future__ import annotations

from fastapi import APIRouter

from territoria.api.errors import register_error_shape
from territoria.api.explore_v21 import catalog_exports, datasets, exports, facets, records
from territoria.api.explore_v21.errors import ods_error_body

router = APIRouter()
for _part in (
    datasets.router,
    records.router,
    facets.router,
    exports.router,
    catalog_exports.router,
):
    router.include_router(_part)

register_error_shape("/api/explore/", ods_error_body)
