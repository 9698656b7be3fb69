"""An Opendatasoft portal read through its Explore API v2.1: the catalogue paged, each
dataset's ``metas.default`` and ``metas.dcat``, its fields, and its data as Parquet (typed)
or else CSV. The v2.0 shape (``datasets: [{dataset: {…}}]``) is read too, and a portal
that answers only the old API v1 (``/api/datasets/1.0/search``, flat ``metas``) as well."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import quote

from territoria.harvest.http import PoliteClient
from territoria.harvest.remote import Download, RemoteDataset, RemoteError
from territoria.query.fields import ods_identifier

API = "/api/explore/v2.1"
V1 = "/api/datasets/1.0/search/"
PAGE = 100


def base_of(url: str) -> str:
    """The portal's root from any URL of it (``…/api/explore/v2.1/catalog/…`` → ``…``)."""
    root = url.split("?", 1)[0].split("/api/explore/", 1)[0].split("/api/datasets/1.0", 1)[0]
    return root.rstrip("/")


def catalog_datasets(client: PoliteClient, base: str, v1: bool = False) -> Iterator[dict[str, Any]]:
    """Every dataset object of the catalogue, page after page (API v1's when ``v1``)."""
    offset = 0
    while True:
        if v1:
            page = client.get_json(f"{base}{V1}", {"rows": PAGE, "start": offset})
        else:
            page = client.get_json(
                f"{base}{API}/catalog/datasets", {"limit": PAGE, "offset": offset}
            )
        items = page.get("results", page.get("datasets")) if isinstance(page, Mapping) else None
        if not isinstance(items, list):
            return
        for item in items:
            if isinstance(item, Mapping):
                yield dict(item.get("dataset", item))
        offset += len(items)
        total = page.get("total_count", page.get("nhits"))
        if not items or (isinstance(total, int) and offset >= total):
            return


def _text_list(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    items = value if isinstance(value, list) else [value]
    return [str(v).strip() for v in items if v is not None and str(v).strip()]


def _first(*values: Any) -> str | None:
    for value in values:
        if isinstance(value, list):
            value = value[0] if value else None
        if value not in (None, ""):
            return str(value)
    return None


def _renames(fields: Any) -> tuple[tuple[str, str], ...]:
    """Column name → label, for the fields whose label gives back the same identifier
    (``N° Voie Pair`` ↔ ``n_voie_pair``): the label is what a user named the column, and
    queries keep naming it as on the remote. Others keep their name."""
    pairs, labels = [], set()
    for field in fields if isinstance(fields, list) else []:
        name, label = str(field.get("name", "")), str(field.get("label") or "")
        if label and label != name and ods_identifier(label) == name and label not in labels:
            pairs.append((name, label))
            labels.add(label)
    return tuple(pairs)


def _downloads(base: str, dataset_id: str, fields: Any, v1: bool) -> list[Download]:
    """Parquet (typed) then CSV; every dataset, an empty one too (its version has no rows)."""
    if v1:
        query = "format=csv&use_labels_for_header=true"
        return [Download(f"{base}/explore/dataset/{quote(dataset_id)}/download/?{query}", "csv")]
    exports = f"{base}{API}/catalog/datasets/{quote(dataset_id)}/exports"
    return [
        Download(f"{exports}/parquet", "parquet", _renames(fields)),
        Download(f"{exports}/csv?delimiter=%2C&use_labels=true", "csv"),
    ]


def remote_dataset(obj: Mapping[str, Any], base: str) -> RemoteDataset:
    """A dataset object (v2.1, or v1 with flat ``metas``) as the common remote shape."""
    metas = obj.get("metas") or {}
    v1 = "datasetid" in obj and "default" not in metas
    default = metas if v1 else metas.get("default") or {}
    dcat = metas.get("dcat") or {}
    dataset_id = str(obj.get("dataset_id") or obj.get("datasetid"))
    downloads = _downloads(base, dataset_id, obj.get("fields"), v1)
    return RemoteDataset(
        remote_id=dataset_id,
        title=str(default.get("title") or dataset_id),
        description=str(default.get("description") or ""),
        keywords=_text_list(default.get("keyword")),
        themes=_text_list(default.get("theme")),
        license=_first(default.get("license")),
        license_url=_first(default.get("license_url")),
        publisher=_first(default.get("publisher"), dcat.get("creator")),
        spatial=_text_list(dcat.get("spatial") or default.get("geographic_reference")),
        temporal_start=_first(dcat.get("temporal_coverage_start")),
        temporal_end=_first(dcat.get("temporal_coverage_end")),
        frequency=_first(dcat.get("accrualperiodicity"), default.get("update_frequency")),
        conforms_to=_first(default.get("conforms_to"), dcat.get("conforms_to")),
        landing_page=_first(default.get("references")),
        contact_name=_first(dcat.get("contact_name")),
        contact_email=_first(dcat.get("contact_email")),
        language=_first(default.get("language")),
        modified=f"{_first(default.get('data_processed'), default.get('modified')) or ''}|"
        f"{_first(default.get('metadata_processed')) or ''}",
        downloads=downloads,
        fields=[dict(f) for f in obj.get("fields") or [] if isinstance(f, Mapping)],
    )


def datasets(client: PoliteClient, url: str) -> Iterator[RemoteDataset]:
    """Every dataset of the portal at ``url`` in the common shape."""
    base = base_of(url)
    try:
        client.get_json(f"{base}{API}/catalog/datasets", {"limit": 1})
        v1 = False
    except RemoteError as error:
        if error.details.get("status") != 404:
            raise
        v1 = True  # an old portal: only API v1 answers
    for obj in catalog_datasets(client, base, v1):
        yield remote_dataset(obj, base)
