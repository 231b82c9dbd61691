"""The figures of each closed month, kept (scheme.domain.register.statistics): worked out once,
the first time they are wanted after the month is over, and read from here from then on."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from scheme.enums import PremisesType
from scheme.models.base import Base, enum_column, utcnow


class KeptMonth(Base):
    """A month whose figures are kept. Its key is what makes keeping safe twice at once: the
    second writer's insert finds the row and writes nothing."""

    __tablename__ = "kept_month"

    month: Mapped[date] = mapped_column(sa.Date, primary_key=True)  # its first day
    kept_on: Mapped[date] = mapped_column(sa.Date)  # the day they were worked out
    kept_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)


class KeptMonthFigures(Base):
    """A kept month's figures for the premises of one area and type: premises in each state at
    the month's end, staff at member premises then, test visits and scans in the month. Any
    scope the figures are asked for (all, an area, a type, both) is a sum of these."""

    __tablename__ = "kept_month_figures"
    __table_args__ = (sa.UniqueConstraint("month", "area_id", "premises_type"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    month: Mapped[date] = mapped_column(sa.ForeignKey("kept_month.month", ondelete="CASCADE"))
    # By id, so a renamed area keeps its months; an area deleted (one nothing points at any
    # more) leaves its figures in the scheme's totals.
    area_id: Mapped[int | None] = mapped_column(sa.ForeignKey("area.id", ondelete="SET NULL"), index=True)
    premises_type: Mapped[PremisesType] = mapped_column(enum_column(PremisesType))
    # Premises in each statistics.State, one column each.
    draft: Mapped[int] = mapped_column(default=0)
    submitted: Mapped[int] = mapped_column(default=0)
    changes_requested: Mapped[int] = mapped_column(default=0)
    rejected: Mapped[int] = mapped_column(default=0)
    member: Mapped[int] = mapped_column(default=0)
    accredited: Mapped[int] = mapped_column(default=0)
    suspended_pending_checks: Mapped[int] = mapped_column(default=0)
    suspended: Mapped[int] = mapped_column(default=0)
    lapsed: Mapped[int] = mapped_column(default=0)
    revoked: Mapped[int] = mapped_column(default=0)
    staff_trained: Mapped[int] = mapped_column(default=0)
    staff_active: Mapped[int] = mapped_column(default=0)
    test_visits: Mapped[int] = mapped_column(default=0)
    test_visits_passed: Mapped[int] = mapped_column(default=0)
    scans: Mapped[int] = mapped_column(default=0)
