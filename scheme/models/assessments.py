from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from scheme.enums import ActionStatus, Answer, AssessmentKind, Outcome
from scheme.models.base import Base, TimestampMixin, enum_column, utcnow


class Assessment(TimestampMixin, Base):
    """A self-assessment, an officer audit visit or a test visit, against one standards version."""

    __tablename__ = "assessment"
    # One kind of visit in date order (failed test visits waiting for review, pass rates).
    __table_args__ = (sa.Index("ix_assessment_kind_visit_date", "kind", "visit_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    premises_id: Mapped[int] = mapped_column(sa.ForeignKey("premises.id", ondelete="CASCADE"), index=True)
    kind: Mapped[AssessmentKind] = mapped_column(enum_column(AssessmentKind))
    standards_version_id: Mapped[int | None] = mapped_column(sa.ForeignKey("standards_version.id"))
    officer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    visit_date: Mapped[date | None] = mapped_column(sa.Date)
    completed_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    outcome: Mapped[Outcome | None] = mapped_column(enum_column(Outcome))
    next_visit_on: Mapped[date | None] = mapped_column(sa.Date)
    # Test visits: the scenario played out, e.g. "adult asks for a room with a 15-year-old".
    scenario: Mapped[str] = mapped_column(sa.Text, default="")
    summary: Mapped[str] = mapped_column(sa.Text, default="")
    # Test visits: an officer's review of a failed one lifts the suspension it caused.
    reviewed_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    reviewed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    review_note: Mapped[str] = mapped_column(sa.Text, default="", server_default="")

    answers: Mapped[list["AssessmentAnswer"]] = relationship(
        lazy="raise",
        back_populates="assessment", cascade="all, delete-orphan"
    )
    checks: Mapped[list["TestVisitCheck"]] = relationship(
        lazy="raise",
        back_populates="assessment", order_by="TestVisitCheck.position", cascade="all, delete-orphan"
    )
    standards_version: Mapped["StandardsVersion | None"] = relationship(lazy="raise")


class AssessmentAnswer(Base):
    __tablename__ = "assessment_answer"
    __table_args__ = (sa.UniqueConstraint("assessment_id", "standard_id", name="uq_assessment_answer_standard"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(sa.ForeignKey("assessment.id", ondelete="CASCADE"))
    standard_id: Mapped[int] = mapped_column(sa.ForeignKey("standard.id"))
    answer: Mapped[Answer | None] = mapped_column(enum_column(Answer))
    note: Mapped[str] = mapped_column(sa.Text, default="")
    updated_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    # Optimistic locking: a save based on an older revision is refused, never silently lost.
    revision: Mapped[int] = mapped_column(default=1)
    # Audit visits: the answer this one started from, carried over from the last visit (None:
    # nothing was carried over), and when an officer confirmed or changed it during this visit
    # (None: not yet, and the visit cannot finish). In bulk: by "confirm all as seen".
    carried_over_answer: Mapped[Answer | None] = mapped_column(enum_column(Answer))
    confirmed_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    confirmed_in_bulk: Mapped[bool] = mapped_column(default=False)
    # The action this finding set or, when one from an earlier visit was still open, linked to.
    action_id: Mapped[int | None] = mapped_column(sa.ForeignKey("action.id", ondelete="SET NULL"))

    assessment: Mapped[Assessment] = relationship(lazy="raise", back_populates="answers")
    standard: Mapped["Standard"] = relationship(lazy="raise")
    photos: Mapped[list["EvidencePhoto"]] = relationship(lazy="raise", back_populates="answer", cascade="all, delete-orphan")
    updated_by: Mapped["User | None"] = relationship(lazy="raise", foreign_keys=[updated_by_id])
    action: Mapped["Action | None"] = relationship(lazy="raise", foreign_keys=[action_id])


class EvidencePhoto(TimestampMixin, Base):
    """A photo re-encoded on upload, so no location or camera metadata survives."""

    __tablename__ = "evidence_photo"

    id: Mapped[int] = mapped_column(primary_key=True)
    answer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("assessment_answer.id", ondelete="CASCADE"), index=True)
    action_id: Mapped[int | None] = mapped_column(sa.ForeignKey("action.id", ondelete="CASCADE"), index=True)
    content_type: Mapped[str] = mapped_column(sa.String(40))
    content: Mapped[bytes] = mapped_column(sa.LargeBinary)
    uploaded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))

    answer: Mapped[AssessmentAnswer | None] = relationship(lazy="raise", back_populates="photos")


class TestVisitCheck(Base):
    """One expected behaviour in a test visit ("asked for ID") and whether staff did it."""

    __tablename__ = "test_visit_check"
    __test__ = False  # not a pytest class, despite the name

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(sa.ForeignKey("assessment.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    behaviour: Mapped[str] = mapped_column(sa.String(300))
    # The standard this behaviour tests; a failure sets an action against it.
    standard_id: Mapped[int | None] = mapped_column(sa.ForeignKey("standard.id"))
    done: Mapped[bool | None] = mapped_column()
    note: Mapped[str] = mapped_column(sa.Text, default="")

    assessment: Mapped[Assessment] = relationship(lazy="raise", back_populates="checks")
    standard: Mapped["Standard | None"] = relationship(lazy="raise")


class Action(TimestampMixin, Base):
    """Something a premises must put right, from an audit or a test visit."""

    __tablename__ = "action"

    id: Mapped[int] = mapped_column(primary_key=True)
    premises_id: Mapped[int] = mapped_column(sa.ForeignKey("premises.id", ondelete="CASCADE"), index=True)
    assessment_id: Mapped[int | None] = mapped_column(sa.ForeignKey("assessment.id", ondelete="SET NULL"))
    standard_id: Mapped[int | None] = mapped_column(sa.ForeignKey("standard.id"))
    description: Mapped[str] = mapped_column(sa.Text)
    due_on: Mapped[date] = mapped_column(sa.Date, index=True)
    status: Mapped[ActionStatus] = mapped_column(enum_column(ActionStatus), default=ActionStatus.OPEN, index=True)
    business_note: Mapped[str] = mapped_column(sa.Text, default="")
    done_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    officer_note: Mapped[str] = mapped_column(sa.Text, default="")
    closed_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))

    standard: Mapped["Standard | None"] = relationship(lazy="raise")
    photos: Mapped[list[EvidencePhoto]] = relationship(lazy="raise", cascade="all, delete-orphan")


from scheme.models.standards import Standard, StandardsVersion  # noqa: E402
from scheme.models.users import User  # noqa: E402
