"""Models of imported territory groups: a labelled list of territories (``import-group``)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from territoria.catalog.models import Base
from territoria.catalog.types import utcnow


class TerritoryGroup(Base):
    """A group imported from a file under the label ``slug`` (``group:<slug>`` as peers);
    a re-import of the same slug replaces its members."""

    __tablename__ = "territory_group"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    source_filename: Mapped[str] = mapped_column(String(500))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    members: Mapped[list[TerritoryGroupMember]] = relationship(
        back_populates="group",
        order_by="TerritoryGroupMember.territory_id",
        cascade="all, delete-orphan",
    )


class TerritoryGroupMember(Base):
    """One territory (``level:code`` id) of a group."""

    __tablename__ = "territory_group_member"

    group_id: Mapped[int] = mapped_column(
        ForeignKey("territory_group.id", ondelete="CASCADE"), primary_key=True
    )
    territory_id: Mapped[str] = mapped_column(String(40), primary_key=True, index=True)

    group: Mapped[TerritoryGroup] = relationship(back_populates="members")
