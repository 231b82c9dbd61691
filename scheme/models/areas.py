"""The scheme's areas (wards, or the scheme's own areas), their postcode districts, and the
officers who look after each."""

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from scheme.models.base import Base, TimestampMixin, UpdatedAtMixin


class Area(TimestampMixin, UpdatedAtMixin, Base):
    __tablename__ = "area"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(100))
    # The name folded (case, spaces, apostrophes, punctuation: scheme.domain.areas.name_key),
    # unique, so "Galleys Corner" and "Galley's Corner" can never be two areas. Unique over
    # the one list there is today; a list per scheme would make it unique per scheme.
    key: Mapped[str] = mapped_column(sa.String(100), unique=True)
    # A retired area is kept for the premises and print batches that point at it, but is
    # offered to nobody.
    active: Mapped[bool] = mapped_column(default=True, server_default=sa.true())

    districts: Mapped[list["AreaDistrict"]] = relationship(
        lazy="raise", back_populates="area", order_by="AreaDistrict.district", cascade="all, delete-orphan")


class AreaDistrict(Base):
    """A postcode district (the outward code, "SS14") that lies in an area: one area each."""

    __tablename__ = "area_district"

    district: Mapped[str] = mapped_column(sa.String(4), primary_key=True)
    area_id: Mapped[int] = mapped_column(sa.ForeignKey("area.id", ondelete="CASCADE"), index=True)

    area: Mapped[Area] = relationship(lazy="raise", back_populates="districts")


class OfficerArea(Base):
    """An officer or admin assigned to an area: told of its premises (scheme.domain.notifications)."""

    __tablename__ = "officer_area"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    area_id: Mapped[int] = mapped_column(sa.ForeignKey("area.id", ondelete="CASCADE"), primary_key=True, index=True)
