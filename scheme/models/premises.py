from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, column_property, mapped_column, relationship

from scheme.enums import ApplicationStatus, PremisesType
from scheme.models.areas import Area
from scheme.models.base import Base, TimestampMixin, UpdatedAtMixin, enum_column, new_public_id


class Premises(TimestampMixin, UpdatedAtMixin, Base):
    __tablename__ = "premises"
    # The officers' queues pick member premises (most of them) by one date and page them in
    # its order: an index on the pair keeps that a range at any size of scheme.
    __table_args__ = (
        sa.Index("ix_premises_status_trained_until", "status", "trained_until"),
        sa.Index("ix_premises_status_ready_until", "status", "ready_until"),
        sa.Index("ix_premises_status_submitted_at", "status", "submitted_at"),
        # The officers' list, by name and paged: a page is a walk along it, however far.
        sa.Index("ix_premises_name_id", "name", "id"),
        # Today's figures (register.statistics) group every premises by area and type: this
        # index holds all they read of it, so that they never read the premises' rows.
        sa.Index("ix_premises_figures", "area_id", "premises_type", "status", "suspended_from", "staff_figures_on",
                 "staff_figures_until", "staff_trained_count", "staff_active_count"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # The premises' id in the open register (API, bulk files): stable for its life, random so
    # that it tells nothing about how many premises there are or when this one joined.
    public_id: Mapped[str] = mapped_column(sa.String(16), unique=True, default=new_public_id)
    name: Mapped[str] = mapped_column(sa.String(200))
    trading_name: Mapped[str] = mapped_column(sa.String(200), default="")
    premises_type: Mapped[PremisesType] = mapped_column(enum_column(PremisesType))
    address_line_1: Mapped[str] = mapped_column(sa.String(200))
    address_line_2: Mapped[str] = mapped_column(sa.String(200), default="")
    town: Mapped[str] = mapped_column(sa.String(100))
    postcode: Mapped[str] = mapped_column(sa.String(8), index=True)
    # The area from the scheme's list (scheme.models.areas); None only before the business
    # has given its details.
    area_id: Mapped[int | None] = mapped_column(sa.ForeignKey("area.id"), index=True)
    phone: Mapped[str] = mapped_column(sa.String(40), default="")
    email: Mapped[str] = mapped_column(sa.String(254), default="")
    staff_count: Mapped[int] = mapped_column(default=0)
    opening_hours: Mapped[str] = mapped_column(sa.String(300), default="")
    open_at_night: Mapped[bool] = mapped_column(default=False)
    home_based: Mapped[bool] = mapped_column(default=False)
    # A home-based business's choice to show its full address publicly; without it the public
    # sees only the outward postcode (scheme/domain/premises/public_address.py).
    show_home_address: Mapped[bool] = mapped_column(default=False)

    # The safeguarding lead's contact; the lead's name and training are their staff record.
    lead_phone: Mapped[str] = mapped_column(sa.String(40), default="")
    lead_email: Mapped[str] = mapped_column(sa.String(254), default="")

    status: Mapped[ApplicationStatus] = mapped_column(
        enum_column(ApplicationStatus), default=ApplicationStatus.DRAFT, index=True
    )
    submitted_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    decided_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    officer_message: Mapped[str] = mapped_column(sa.Text, default="")
    changes_due_on: Mapped[date | None] = mapped_column(sa.Date)
    next_visit_due_on: Mapped[date | None] = mapped_column(sa.Date, index=True)

    # Readiness (scheme.domain.premises.readiness), kept up to date in the transaction of
    # every write that can move it, so the public page compares one date with today.
    ready_until: Mapped[date | None] = mapped_column(sa.Date, index=True)  # None: no end in sight
    suspended_from: Mapped[date | None] = mapped_column(sa.Date)  # None: not foreseen
    # The last day its staff training meets the rule, kept at the same writes (the officers'
    # "training lapsed" queue): None while no end is in sight.
    trained_until: Mapped[date | None] = mapped_column(sa.Date, index=True)
    # Its staff figures (readiness_rule.StaffFigures), kept at the same writes: active staff and
    # those trained, right from staff_figures_on up to the day before staff_figures_until.
    staff_active_count: Mapped[int | None] = mapped_column()
    staff_trained_count: Mapped[int | None] = mapped_column()
    staff_figures_on: Mapped[date | None] = mapped_column(sa.Date)
    staff_figures_until: Mapped[date | None] = mapped_column(sa.Date)
    # The days the at-risk and the suspension emails last went out: each episode is told once
    # (scheme.domain.premises.readiness).
    at_risk_notice_for: Mapped[date | None] = mapped_column(sa.Date)
    suspension_notice_for: Mapped[date | None] = mapped_column(sa.Date)
    # An officer holding readiness as met, for a stated reason, over a period (both days included).
    hold_reason: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    hold_from: Mapped[date | None] = mapped_column(sa.Date)
    hold_until: Mapped[date | None] = mapped_column(sa.Date)
    hold_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))

    # The area's name, read with the premises in the same statement (pages and emails name it;
    # a rename shows everywhere at once). Read only: set area_id. Kept over a flush, so an
    # email rendered later in the transaction sends no SQL; after area_id changes it shows the
    # new name from the next transaction on. Select it beside another premises column: on
    # its own the statement has no premises to read it from.
    area: Mapped[str | None] = column_property(
        sa.select(Area.name).where(Area.id == area_id).correlate_except(Area).scalar_subquery(),
        expire_on_flush=False)

    members: Mapped[list["PremisesMember"]] = relationship(lazy="raise", back_populates="premises", cascade="all, delete-orphan")
    staff: Mapped[list["StaffMember"]] = relationship(lazy="raise", back_populates="premises", cascade="all, delete-orphan")
    certificates: Mapped[list["Certificate"]] = relationship(
        lazy="raise",
        back_populates="premises", order_by="Certificate.id", cascade="all, delete-orphan"
    )

    @property
    def display_name(self) -> str:
        return self.trading_name or self.name

    @property
    def address(self) -> str:
        """The whole address, for the business and officers (the public's is
        scheme.domain.premises.public_address)."""
        parts = [self.address_line_1, self.address_line_2, self.town, self.postcode]
        return ", ".join(part for part in parts if part)


class Pledge(Base):
    """A business's pledge to one version of the standards, with when and who."""

    __tablename__ = "pledge"

    id: Mapped[int] = mapped_column(primary_key=True)
    premises_id: Mapped[int] = mapped_column(sa.ForeignKey("premises.id", ondelete="CASCADE"), index=True)
    standards_version_id: Mapped[int] = mapped_column(sa.ForeignKey("standards_version.id"))
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    pledged_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True))

    standards_version: Mapped["StandardsVersion"] = relationship(lazy="raise")


from scheme.models.certificates import Certificate  # noqa: E402
from scheme.models.standards import StandardsVersion  # noqa: E402
from scheme.models.training import StaffMember  # noqa: E402
from scheme.models.users import PremisesMember  # noqa: E402
