"""Harvest a DCAT catalogue with data.gouv.fr's own code (PyPI ``udata``), in udata's Python.

Run by ``test_dcat_udata.py`` as ``$TERRITORIA_UDATA_PYTHON udata_harvest.py URL``: a Flask
app of udata, MongoDB replaced by mongomock (an in-memory pymongo) and the cache by a dict,
data.gouv.fr's licences seeded, then udata's ``DcatBackend`` harvests URL (format from the
suffix or a HEAD, Hydra paging, ``dataset_from_rdf``) and every dataset it stored is printed
as one JSON document. Not a test module: it imports nothing of ours.
"""

from __future__ import annotations

import json
import sys

import mongoengine
import mongomock

# data.gouv.fr's licences the catalogue may name (id, title, url as data.gouv.fr lists them)
LICENCES = (
    ("lov2", "Licence Ouverte / Open Licence version 2.0",
     "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"),
    ("odc-odbl", "Open Data Commons Open Database License (ODbL)",
     "https://opendatacommons.org/licenses/odbl/summary/"),
    ("notspecified", "License Not Specified", None),
)  # fmt: skip


class Config:
    SECRET_KEY = "udata-harvest-test"
    API_TOKEN_SECRET = "udata-harvest-test"
    TESTING = True
    MONGODB_HOST = "mongodb://localhost:27017/udata"
    CACHE_TYPE = "flask_caching.backends.SimpleCache"
    URLS_ALLOW_LOCAL = True
    URLS_ALLOW_PRIVATE = True
    HARVEST_ACTIVITY_USER_ID = None


def main(url: str) -> None:
    from udata.app import create_app

    app = create_app(override=Config)
    mongoengine.disconnect_all()
    mongoengine.connect(
        "udata", host="mongodb://localhost/udata", mongo_client_class=mongomock.MongoClient
    )
    with app.app_context():
        from udata.core.dataset.models import Dataset, License
        from udata.harvest.backends.dcat import DcatBackend
        from udata.harvest.models import HarvestSource

        for identifier, title, link in LICENCES:
            License(id=identifier, title=title, url=link).save()
        source = HarvestSource(name="territoria", url=url, backend="dcat").save()
        job = DcatBackend(source).harvest()
        out = {
            "status": job.status,
            "errors": [e.message for e in job.errors],
            "items": [{"remote_id": i.remote_id, "status": i.status,
                       "errors": [e.message for e in i.errors]} for i in job.items],
            "datasets": [],
        }  # fmt: skip
        for dataset in Dataset.objects:
            temporal = dataset.temporal_coverage
            out["datasets"].append(
                {
                    "title": dataset.title,
                    "description": dataset.description,
                    "remote_id": dataset.harvest.dct_identifier,
                    "remote_url": dataset.harvest.remote_url,
                    "license": dataset.license.id if dataset.license else None,
                    "frequency": str(dataset.frequency) if dataset.frequency else None,
                    "tags": sorted(dataset.tags),
                    "temporal": [str(temporal.start), str(temporal.end)] if temporal else None,
                    "schema": dataset.schema.url if dataset.schema else None,
                    "contacts": [c.email for c in dataset.contact_points],
                    "spatial": dataset.spatial.geom if dataset.spatial else None,
                    "resources": [
                        {"url": r.url, "format": r.format, "mime": r.mime, "title": r.title}
                        for r in dataset.resources
                    ],
                }
            )
        print(json.dumps(out, default=str))


if __name__ == "__main__":
    main(sys.argv[1])
