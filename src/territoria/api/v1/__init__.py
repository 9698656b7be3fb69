"""The native API ``/api/v1/``: what the read APIs don't cover — dataset metadata, uploads of
new versions, versions with their reports, downloads, diff, rollback, validation without
storing; territories, indicators and comparisons with peers, packs. Errors in the native
shape (``UserError.to_dict()``); writes need the admin token."""

from __future__ import annotations

from fastapi import APIRouter

from territoria.api.v1 import (
    changes,
    datasets,
    indicators,
    packs,
    territories,
    uploads,
    validation,
    versions,
)
from territoria.api.v1.bodies import PREFIX

router = APIRouter(prefix=PREFIX)
for module in (datasets, versions, uploads, changes, validation, territories, indicators, packs):
    router.include_router(module.router)
