"""Scheme-wide things: reporting routes, settings, the audit log and the email outbox."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from scheme.enums import ReminderKind, RouteKind
from scheme.models.base import Base, TimestampMixin, enum_column, utcnow


class ReportingRoute(Base):
    __tablename__ = "reporting_route"

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(sa.String(200))
    kind: Mapped[RouteKind] = mapped_column(enum_column(RouteKind))
    value: Mapped[str] = mapped_column(sa.String(300))  # a number, or a web address
    what_to_say: Mapped[str] = mapped_column(sa.Text, default="")
    position: Mapped[int] = mapped_column(default=0)
    # Premises type values this route is for (shown first there); empty means everywhere.
    premises_types: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    emergency: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)


class Setting(Base):
    """A scheme setting an admin can change; defaults live in scheme.domain.settings."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(sa.String(60), primary_key=True)
    value: Mapped[str] = mapped_column(sa.String(200))


class AuditLogEntry(Base):
    __tablename__ = "audit_log_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"), index=True)
    action: Mapped[str] = mapped_column(sa.String(60), index=True)
    premises_id: Mapped[int | None] = mapped_column(sa.ForeignKey("premises.id", ondelete="SET NULL"), index=True)
    subject: Mapped[str] = mapped_column(sa.String(100), default="")  # e.g. "certificate:12"
    details: Mapped[str] = mapped_column(sa.Text, default="")
    # The hash chain (scheme.domain.audit_chain): 1, 2, 3... with no gaps, each entry hashing
    # its content and the hash of the one before. On PostgreSQL a trigger refuses UPDATE,
    # DELETE and TRUNCATE of this table.
    sequence: Mapped[int] = mapped_column(unique=True)
    previous_hash: Mapped[str] = mapped_column(sa.String(64))
    entry_hash: Mapped[str] = mapped_column(sa.String(64))


class AuditLogCheck(Base):
    """One run of verify-audit-log: what it saw and whether the chain held."""

    __tablename__ = "audit_log_check"

    id: Mapped[int] = mapped_column(primary_key=True)
    checked_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    entries: Mapped[int]
    head_sequence: Mapped[int]
    head_hash: Mapped[str] = mapped_column(sa.String(64))
    problem: Mapped[str] = mapped_column(sa.Text, default="")  # empty: the chain held


class OutboxMessage(TimestampMixin, Base):
    """An email written in the transaction that caused it, delivered (and retried) after."""

    __tablename__ = "outbox_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    to: Mapped[str] = mapped_column(sa.String(254))
    subject: Mapped[str] = mapped_column(sa.String(300))
    text_body: Mapped[str] = mapped_column(sa.Text)
    html_body: Mapped[str] = mapped_column(sa.Text, default="")
    sent_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True), index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(sa.Text, default="")
    reply_to: Mapped[str] = mapped_column(sa.String(254), default="")
    template: Mapped[str] = mapped_column(sa.String(60), default="")  # which email, for the history
    # The premises it is about, so officers see each premises' messages; none for account emails.
    premises_id: Mapped[int | None] = mapped_column(sa.ForeignKey("premises.id", ondelete="SET NULL"), index=True)
    # A failed attempt is tried again from this time on, each delay longer, up to a cap.
    next_attempt_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    # Refused for good (an address the server will never accept): not tried again.
    failed_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))


class Reminder(Base):
    """One reminder sent to one person: at most one per item and threshold, however often or
    however many copies of send-reminders run (the unique key), written in the transaction
    that queues its email."""

    __tablename__ = "reminder"
    __table_args__ = (sa.UniqueConstraint("user_id", "kind", "item", "threshold", name="uq_reminder_once"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"))
    kind: Mapped[ReminderKind] = mapped_column(enum_column(ReminderKind))
    item: Mapped[str] = mapped_column(sa.String(80))  # e.g. "certificate:12", "premises:3:2027-01-31"
    threshold: Mapped[str] = mapped_column(sa.String(20))  # e.g. "60", "overdue"
    sent_on: Mapped[date] = mapped_column(sa.Date)
    # The premises the item belongs to, so its message history shows grouped reminders too.
    premises_id: Mapped[int | None] = mapped_column(sa.ForeignKey("premises.id", ondelete="SET NULL"), index=True)
    outbox_message_id: Mapped[int | None] = mapped_column(sa.ForeignKey("outbox_message.id", ondelete="SET NULL"),
                                                          index=True)


class ReminderOptOut(Base):
    """A kind of reminder a business user has chosen not to receive."""

    __tablename__ = "reminder_opt_out"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[ReminderKind] = mapped_column(enum_column(ReminderKind), primary_key=True)
