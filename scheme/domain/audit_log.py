"""Reading the audit log: filtered by premises, user, action and date, newest first."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from scheme.extensions import db
from scheme.models import AuditLogEntry, Premises, Role, User

PAGE_SIZE = 50


@dataclass(frozen=True)
class LogFilters:
    premises_id: int | None = None
    user_id: int | None = None
    action: str = ""
    date_from: date | None = None
    date_to: date | None = None


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.utc)


def entries(filters: LogFilters, page: int = 1) -> list[tuple[AuditLogEntry, str | None, str | None]]:
    query = (
        db.select(AuditLogEntry, User.name, Premises.name)
        .outerjoin(User, User.id == AuditLogEntry.user_id)
        .outerjoin(Premises, Premises.id == AuditLogEntry.premises_id)
    )
    if filters.premises_id:
        query = query.where(AuditLogEntry.premises_id == filters.premises_id)
    if filters.user_id:
        query = query.where(AuditLogEntry.user_id == filters.user_id)
    if filters.action:
        query = query.where(AuditLogEntry.action.startswith(filters.action))
    if filters.date_from:
        query = query.where(AuditLogEntry.at >= _start_of(filters.date_from))
    if filters.date_to:
        query = query.where(AuditLogEntry.at < _start_of(filters.date_to + timedelta(days=1)))
    query = query.order_by(AuditLogEntry.at.desc(), AuditLogEntry.id.desc())
    query = query.limit(PAGE_SIZE + 1).offset((max(page, 1) - 1) * PAGE_SIZE)
    return [tuple(row) for row in db.session.execute(query)]


def action_names() -> list[str]:
    return list(db.session.scalars(db.select(AuditLogEntry.action).distinct().order_by(AuditLogEntry.action)))


def staff_users() -> list[User]:
    return list(db.session.scalars(db.select(User).where(User.role != Role.BUSINESS).order_by(User.name)))
