"""Models of the native API: requests (reading, upload and rollback options) and the
responses it documents (versions, upload and rollback results)."""

from __future__ import annotations

from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic.alias_generators import to_camel

from territoria.api.errors import InvalidParameterError
from territoria.ingest.table import ReadOptions

Lang = Literal["fr", "en"]
M = TypeVar("M", bound=BaseModel)


class ReadingOptions(BaseModel):
    """What a client may force instead of letting Territoria detect it, as the CLI's options;
    given as query parameters or as text fields of the multipart form (the form wins)."""

    model_config = ConfigDict(populate_by_name=True)

    schema_name: str | None = Field(
        None,
        alias="schema",
        max_length=200,
        description="Schéma intégré (scdl/subventions) ; absent = inféré / bundled schema name",
    )
    encoding: str | None = Field(None, max_length=40, description="Encodage forcé (cp1252…)")
    delimiter: str | None = Field(None, max_length=5, description="Séparateur forcé")
    header_row: int | None = Field(None, ge=1, le=1000, description="Ligne d'en-tête (1…)")
    sheet: str | None = Field(None, max_length=100, description="Feuille (nom ou numéro)")
    file_format: str | None = Field(
        None, max_length=20, description="Format du fichier forcé (csv, xlsx…)"
    )
    lang: Lang = Field("fr", description="Langue des messages du rapport / report language")

    def read_options(self) -> ReadOptions:
        """The reader's options, ``\\t`` and ``tab`` read as a tab as the CLI does."""
        delimiter = self.delimiter
        if delimiter in ("\\t", "tab", "TAB"):
            delimiter = "\t"
        return ReadOptions(
            format=self.file_format,
            encoding=self.encoding,
            delimiter=delimiter,
            header_row=self.header_row,
            sheet=self.sheet,
        )


class UploadOptions(ReadingOptions):
    """An upload's options: reading, ``quarantine`` and ``replace_series`` as the CLI's
    ``--quarantine`` and ``--replace-series``, and what a first upload gives the dataset it
    creates (organisation, title, visibility)."""

    quarantine: bool = Field(
        False, description="Stocker les lignes valides, écarter les invalides / keep valid rows"
    )
    replace_series: bool = Field(
        False,
        description="Jeu d'un pack : le fichier remplace toute la série (sinon ses périodes "
        "antérieures sont reprises) / pack dataset: the file replaces the whole series",
    )
    organisation: str | None = Field(
        None, max_length=30, description="Organisation (SIREN ou code COG), premier envoi"
    )
    title: str | None = Field(None, max_length=500, description="Titre, premier envoi / title")
    visibility: Literal["public", "private"] | None = Field(
        None,
        description=(
            "Visibilité : donnée, elle s'applique ; absente, un nouveau jeu est public et un "
            "jeu existant garde la sienne / visibility: given, it is set; absent, a new dataset "
            "is public and an existing one keeps its own"
        ),
    )


class RollbackRequest(BaseModel):
    """``{"to": n}``: the version whose content becomes the new latest version."""

    model_config = ConfigDict(extra="forbid")

    to: int = Field(ge=1, le=2**31 - 1, description="Version à restaurer / version to restore")


def merged(model: type[M], query: BaseModel, fields: dict[str, str]) -> M:
    """``model`` from the query's parameters overridden by the form's text fields; a wrong
    value is a 400 naming it, as for a query parameter."""
    values: dict[str, Any] = query.model_dump(by_alias=True, exclude_unset=True)
    values.update(fields)
    try:
        return model.model_validate(values)
    except ValidationError as error:
        problems = [
            f"{'.'.join(str(p) for p in problem['loc'])}: {problem['msg']}"
            for problem in error.errors()
        ]
        listed = "; ".join(problems)
        raise InvalidParameterError(
            f"Paramètre invalide : {listed}",
            f"Invalid parameter: {listed}",
            details={"problems": problems},
        ) from None


class _Public(BaseModel):
    """A response body: camelCase keys, as every JSON the project writes."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="allow")


class VersionLinks(_Public):
    """Where a version, its report and its data are."""

    self_link: str = Field(alias="self")
    report: str
    download: str


class VersionPublic(_Public):
    """One version as the native API shows it; ``report`` is a summary in listings and the
    whole frictionless-shaped report for one version."""

    number: int
    dataset: str
    created_at: str
    source_filename: str
    source_sha256: str
    source_bytes: int
    rows: int
    invalid_rows: int
    quarantined: bool
    format: str | None = None
    rolled_back_from: int | None = None
    report: dict[str, Any] | None = None
    links: VersionLinks


class UploadResult(VersionPublic):
    """The version an upload made (201), or the latest one when it held that file (200)."""

    created: bool


class RollbackResult(_Public):
    """The version restored and the version holding its content now."""

    created: bool
    restored: int
    version: VersionPublic
