from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from scheme.enums import JobRole, TrainingEvidence
from scheme.models.base import Base, TimestampMixin, enum_column


class TrainingModule(TimestampMixin, Base):
    __tablename__ = "training_module"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    provider: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    url: Mapped[str] = mapped_column(sa.String(500), default="")
    validity_months: Mapped[int] = mapped_column(default=12)  # 0: does not expire
    # Job role values that must take this module; the safeguarding lead takes every module.
    required_roles: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    equivalent_allowed: Mapped[bool] = mapped_column(default=False)
    # Courses a business records for this module itself (an online certificate, an import)
    # count only once an officer approves them. Equivalent courses always need approval.
    business_records_need_approval: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    active: Mapped[bool] = mapped_column(default=True)


class StaffMember(TimestampMixin, Base):
    """A person working at a premises: name and job role only, nothing more."""

    __tablename__ = "staff_member"

    id: Mapped[int] = mapped_column(primary_key=True)
    premises_id: Mapped[int] = mapped_column(sa.ForeignKey("premises.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    job_role: Mapped[JobRole] = mapped_column(enum_column(JobRole))
    is_safeguarding_lead: Mapped[bool] = mapped_column(default=False)
    started_on: Mapped[date | None] = mapped_column(sa.Date)
    left_on: Mapped[date | None] = mapped_column(sa.Date)
    # When the retention period or an erasure removed the name: the role, dates and training
    # stay, so the scheme's figures still count this person, but nobody can tell who it was.
    erased_on: Mapped[date | None] = mapped_column(sa.Date)
    # Whether the person held all the training their role requires on the day of the last
    # write that can move it, and the last day it stays held (None: it never expires); kept
    # with the premises' readiness, so the scheme's "staff trained" figure is a COUNT.
    training_held: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    training_held_until: Mapped[date | None] = mapped_column(sa.Date)
    # Optimistic locking: a change based on an older revision is refused, never silently lost
    # (a business and an officer editing the same person at once).
    revision: Mapped[int] = mapped_column(default=1, server_default="1")

    premises: Mapped["Premises"] = relationship(lazy="raise", back_populates="staff")
    records: Mapped[list["TrainingRecord"]] = relationship(lazy="raise", back_populates="staff_member", cascade="all, delete-orphan")


class TrainingRecord(TimestampMixin, Base):
    __tablename__ = "training_record"
    # The few records waiting for an officer's approval, among every record of the scheme
    # (training.records.awaiting_approval_clause names these columns' values).
    __table_args__ = (
        sa.Index("ix_training_record_evidence_session_id", "evidence", "session_id"),
        sa.Index("ix_training_record_needs_approval", "needs_approval"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_member_id: Mapped[int] = mapped_column(sa.ForeignKey("staff_member.id", ondelete="CASCADE"), index=True)
    module_id: Mapped[int] = mapped_column(sa.ForeignKey("training_module.id"), index=True)
    completed_on: Mapped[date] = mapped_column(sa.Date)
    # Derived from the module's validity when recorded: a course is valid for the period it
    # promised when it was taken, whatever the module says later. None: does not expire.
    expires_on: Mapped[date | None] = mapped_column(sa.Date, index=True)
    evidence: Mapped[TrainingEvidence] = mapped_column(enum_column(TrainingEvidence))
    session_id: Mapped[int | None] = mapped_column(sa.ForeignKey("training_session.id", ondelete="SET NULL"))
    approved_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    # Set when recorded: this record counts only once an officer approves it (see
    # training.rule.awaiting_approval, which also holds back any equivalent course and any
    # "scheme session" that no closed register recorded).
    needs_approval: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    certificate_file_id: Mapped[int | None] = mapped_column(sa.ForeignKey("stored_file.id", ondelete="SET NULL"))

    staff_member: Mapped[StaffMember] = relationship(lazy="raise", back_populates="records")
    module: Mapped[TrainingModule] = relationship(lazy="raise")


class TrainingSession(TimestampMixin, Base):
    """A scheme training session with a register of attendees from many premises."""

    __tablename__ = "training_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    module_id: Mapped[int] = mapped_column(sa.ForeignKey("training_module.id"))
    held_on: Mapped[date] = mapped_column(sa.Date)
    place: Mapped[str] = mapped_column(sa.String(200))
    trainer: Mapped[str] = mapped_column(sa.String(200))
    closed_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))

    module: Mapped[TrainingModule] = relationship(lazy="raise")
    attendees: Mapped[list["SessionAttendee"]] = relationship(lazy="raise", cascade="all, delete-orphan")


class SessionAttendee(Base):
    __tablename__ = "session_attendee"

    session_id: Mapped[int] = mapped_column(sa.ForeignKey("training_session.id", ondelete="CASCADE"), primary_key=True)
    staff_member_id: Mapped[int] = mapped_column(sa.ForeignKey("staff_member.id", ondelete="CASCADE"), primary_key=True)

    staff_member: Mapped[StaffMember] = relationship(lazy="raise")


class StoredFile(TimestampMixin, Base):
    """A private upload (a training certificate). Served only to its business and officers."""

    __tablename__ = "stored_file"

    id: Mapped[int] = mapped_column(primary_key=True)
    premises_id: Mapped[int] = mapped_column(sa.ForeignKey("premises.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(sa.String(200))
    content_type: Mapped[str] = mapped_column(sa.String(100))
    content: Mapped[bytes] = mapped_column(sa.LargeBinary)


from scheme.models.premises import Premises  # noqa: E402
