"""Model of pack installations: which pack, at which version, for which territory, when."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from territoria.catalog.models import Base
from territoria.catalog.types import utcnow


class PackInstallation(Base):
    """One pack installed for one territory (``territoria packs install``); installing it
    again for the same territory updates its version and date."""

    __tablename__ = "pack_installation"
    __table_args__ = (UniqueConstraint("pack_id", "territory_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pack_id: Mapped[str] = mapped_column(String(100), index=True)
    version: Mapped[str] = mapped_column(String(40))
    territory_id: Mapped[str] = mapped_column(String(40))
    installed_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
