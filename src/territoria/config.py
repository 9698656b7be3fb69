"""Settings of an instance: TERRITORIA_* environment variables, territoria.toml, defaults."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from territoria.errors import UserError

MIN_TOKEN_LENGTH = 16
HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
MIN_CONTRAST = 4.5
PLACEHOLDER_TOKENS = frozenset({"changeme", "change-me", "secret", "admin", "password", "token"})


class Settings(BaseSettings):
    """One settings class; every field has a default and a description."""

    model_config = SettingsConfigDict(env_prefix="TERRITORIA_", toml_file="territoria.toml")

    home: Path = Field(
        default=Path("var"),
        description="Folder of the instance: metadata database, Parquet lake, temporary files.",
    )
    metadata_url: str | None = Field(
        default=None,
        description=(
            "SQLAlchemy URL of the metadata database (catalogue): sqlite:///FILE or "
            "postgresql://USER:PASSWORD@HOST/DB (pip install 'territoria[postgresql]'); "
            "default: SQLite file territoria.db in home."
        ),
    )
    max_upload_bytes: int = Field(
        default=2 * 1024**3,
        description="Largest file accepted for ingestion or validation, in bytes.",
    )
    max_line_bytes: int = Field(
        default=16 * 1024**2,
        description="Longest physical line accepted in a text file, in bytes (guards huge lines).",
    )
    max_xlsx_uncompressed_bytes: int = Field(
        default=512 * 1024**2,
        description="Largest uncompressed size of a spreadsheet (guards zip bombs), in bytes.",
    )
    error_list_limit: int = Field(
        default=1000,
        description="How many errors a report lists; counts stay exact beyond it.",
    )
    memory_limit: str = Field(
        default="512MB",
        description="DuckDB memory limit for validation and ingestion (spills to disk beyond it).",
    )
    threads: int = Field(default=2, description="DuckDB worker threads.")
    host: str = Field(
        default="127.0.0.1", description="Address ``territoria serve`` listens on (loopback)."
    )
    port: int = Field(default=8000, description="TCP port ``territoria serve`` listens on.")
    public_url: str | None = Field(
        default=None,
        description=(
            "Public base URL of the platform (https://data.example.fr), used in links the APIs "
            "and the DCAT catalogue give out; default: the URL of each request."
        ),
    )
    admin_token: str | None = Field(
        default=None,
        description=(
            "Secret token of the administrator (header ``Authorization: Bearer TOKEN`` or "
            "``Apikey TOKEN``): writes and private datasets; unset, the server is read-only."
        ),
    )
    query_timeout_seconds: float = Field(
        default=10.0,
        description="Longest time one API query may run before it is cut (answered 503).",
    )
    query_cache_entries: int = Field(
        default=2048,
        description="Query results kept in memory by (version, normalised query); 0 disables.",
    )
    ckan_datastore_sql: bool = Field(
        default=False,
        description=(
            "Open CKAN's datastore_search_sql action at /api/3/action/ (read-only: one SELECT "
            "over a resource's table, through the same whitelist as ODSQL); off by default."
        ),
    )
    query_cache_bytes: int = Field(
        default=32 * 1024**2,
        description=(
            "Memory the query results cache may hold, in bytes (pages are small: 32 MiB keep "
            "thousands); part of the server's resident memory."
        ),
    )
    organisation_name: str = Field(
        default="Territoria",
        description="Name of the organisation that runs the platform (portal, catalogue).",
    )
    portal_logo: Path | None = Field(
        default=None,
        description=(
            "The organisation's logo (PNG, SVG, JPEG or WebP file) shown in the portal's header; "
            "served by the instance itself."
        ),
    )
    portal_colour: str = Field(
        default="#1d4e6f",
        description=(
            "The portal's main colour (#rrggbb): header, buttons and links. White text on it "
            "must reach a 4.5:1 contrast (RGAA 3.2), so light colours are refused."
        ),
    )
    portal_tagline: str | None = Field(
        default=None,
        description="One line under the organisation's name on the portal's home page.",
    )
    portal_territory: str | None = Field(
        default=None,
        description=(
            "The organisation's territory (``departement:2A``, ``commune:75056``…): its headline "
            "indicators are shown on the portal's home page."
        ),
    )

    @field_validator("portal_colour")
    @classmethod
    def _refuse_unreadable_colour(cls, colour: str) -> str:
        """White text must stay readable on the brand colour (WCAG 2.1 AA: 4.5:1)."""
        if not HEX_COLOUR.fullmatch(colour):
            raise ValueError(f"expected a colour as #rrggbb, got {colour!r}")
        ratio = contrast_with_white(colour)
        if ratio < MIN_CONTRAST:
            raise ValueError(
                f"white text on {colour} has a contrast of {ratio:.2f}:1, under "
                f"{MIN_CONTRAST}:1: choose a darker colour"
            )
        return colour.lower()

    @field_validator("admin_token")
    @classmethod
    def _refuse_weak_token(cls, token: str | None) -> str | None:
        """A guessable administrator token would open every write: refuse placeholders and
        tokens under 16 characters (``python -c "import secrets; print(secrets.token_urlsafe())"``
        makes a good one)."""
        if token is None or token == "":
            return None
        if len(token) < MIN_TOKEN_LENGTH or token.lower() in PLACEHOLDER_TOKENS:
            raise ValueError(
                f"admin token too weak: at least {MIN_TOKEN_LENGTH} characters, not a placeholder"
            )
        return token

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Arguments first, then TERRITORIA_* variables, then ``territoria.toml``."""
        return (init_settings, env_settings, TomlConfigSettingsSource(settings_cls))

    @property
    def catalog_url(self) -> str:
        """The metadata database URL in effect: ``metadata_url``, else SQLite inside home."""
        return self.metadata_url or f"sqlite:///{(self.home / 'territoria.db').resolve()}"

    @property
    def lake_dir(self) -> Path:
        """Root of the Parquet lake."""
        return self.home / "lake"

    @property
    def tmp_dir(self) -> Path:
        """Scratch space for atomic writes and DuckDB spills, on the same filesystem as the lake."""
        return self.home / "tmp"


def contrast_with_white(colour: str) -> float:
    """WCAG 2.1 contrast ratio between white and ``colour`` (``#rrggbb``)."""

    def channel(hex_pair: str) -> float:
        value = int(hex_pair, 16) / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return 1.05 / (luminance + 0.05)


class SettingsError(UserError):
    """A setting (environment variable or ``territoria.toml``) with an unusable value."""

    code = "invalid-setting"


def load_settings(home: Path | None = None) -> Settings:
    """Settings for an instance; ``home`` overrides TERRITORIA_HOME. A bad value is a user
    error naming the setting, the variable and what was expected."""
    try:
        return Settings(home=home) if home is not None else Settings()
    except ValidationError as error:
        problems = [
            (f"TERRITORIA_{'_'.join(str(part) for part in problem['loc']).upper()}", problem)
            for problem in error.errors()
        ]
        listed = "; ".join(
            f"{name} = {'***' if 'TOKEN' in name else repr(problem['input'])}"
            for name, problem in problems
        )
        reasons = "; ".join(f"{name}: {problem['msg']}" for name, problem in problems)
        raise SettingsError(
            f"réglage invalide : {listed}",
            f"invalid setting: {reasons}",
            hint_fr="corrigez la variable d'environnement ou territoria.toml",
            hint_en="fix the environment variable or territoria.toml",
            details={"settings": [name for name, _ in problems]},
        ) from None
    except tomllib.TOMLDecodeError as error:
        raise SettingsError(
            f"fichier de réglages illisible : {error}",
            f"settings file cannot be read: {error}",
            path="territoria.toml",
            hint_fr="vérifiez la syntaxe TOML du fichier",
            hint_en="check the file's TOML syntax",
        ) from None
