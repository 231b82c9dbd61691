"""The audit log: every state change writes an entry (who, what, when) in its own transaction;
officers read it filtered by premises, user, action and date, newest first."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from scheme.extensions import db
from scheme.models import AuditLogEntry, Premises, User
from scheme.models.base import utcnow

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


def entries(filters: LogFilters, page: int = 1, page_size: int = PAGE_SIZE
            ) -> list[tuple[AuditLogEntry, str | None, str | None]]:
    """A page of entries with who wrote each and which premises it is about; one more than
    page_size, so the caller can tell whether there is a next page."""
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
    query = query.limit(page_size + 1).offset((max(page, 1) - 1) * page_size)
    return [tuple(row) for row in db.session.execute(query)]


def action_names() -> list[str]:
    return list(db.session.scalars(db.select(AuditLogEntry.action).distinct().order_by(AuditLogEntry.action)))


def premises_history(premises_id: int, limit: int = 200) -> list[tuple[AuditLogEntry, str]]:
    """The latest entries about one premises, each with who wrote it ("System" for the service)."""
    rows = entries(LogFilters(premises_id=premises_id), page_size=limit)[:limit]
    return [(entry, who or "System") for entry, who, _premises in rows]


def record(actor: User | None, action: str, *, premises_id: int | None = None, subject: str = "", details: str = "") -> AuditLogEntry:
    """Write an audit-log entry in the caller's transaction: who, what, when."""
    entry = AuditLogEntry(
        at=utcnow(),
        user_id=actor.id if actor is not None else None,
        action=action,
        premises_id=premises_id,
        subject=subject,
        details=details,
    )
    db.session.add(entry)
    return entry
