"""How each collectivité brands its portal: name, tagline, logo and colour from settings."""

from __future__ import annotations

from dataclasses import dataclass

from territoria.config import Settings

LOGO_URL = "/brand/logo"


@dataclass(frozen=True)
class Brand:
    """What the layout shows of the organisation; no State identity (DSFR, Marianne)."""

    name: str
    tagline: str | None
    logo_url: str | None
    colour: str
    territory: str | None

    @classmethod
    def of(cls, settings: Settings) -> Brand:
        """The brand configured for this instance."""
        logo = settings.portal_logo
        return cls(
            name=settings.organisation_name,
            tagline=settings.portal_tagline,
            logo_url=LOGO_URL if logo is not None and logo.is_file() else None,
            colour=settings.portal_colour,
            territory=settings.portal_territory,
        )
