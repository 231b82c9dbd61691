"""The audit log: every state change writes an entry (who, what, when) in its own transaction;
officers read it filtered by premises, user, action and date, newest first."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

import sqlalchemy as sa

from scheme.domain import audit_chain
from scheme.domain.transaction import service
from scheme.extensions import db
from scheme.models import AuditLogCheck, AuditLogEntry, Premises, User
from scheme.models.base import utcnow

# Held by the transaction that appends to the chain on PostgreSQL, so two writers cannot both
# follow the same entry (the unique sequence would refuse the second anyway). SQLite has one
# writer at a time already.
_CHAIN_LOCK = 0x5C4E_A0D1

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


def _chain_head() -> tuple[int, str]:
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(sa.select(sa.func.pg_advisory_xact_lock(_CHAIN_LOCK)))
    head = db.session.execute(
        db.select(AuditLogEntry.sequence, AuditLogEntry.entry_hash).order_by(AuditLogEntry.sequence.desc()).limit(1)
    ).first()
    return (head.sequence, head.entry_hash) if head else (0, audit_chain.GENESIS)


def record(actor: User | None, action: str, *, premises_id: int | None = None, subject: str = "", details: str = "") -> AuditLogEntry:
    """Write an audit-log entry in the caller's transaction: who, what, when, chained to the
    entry before it. Never write personal data into details: entries cannot be erased."""
    last_sequence, last_hash = _chain_head()
    fields = dict(sequence=last_sequence + 1, at=utcnow(), user_id=actor.id if actor is not None else None,
                  action=action, premises_id=premises_id, subject=subject, details=details, previous_hash=last_hash)
    entry = AuditLogEntry(**fields, entry_hash=audit_chain.entry_hash(**fields))
    # The next entry's head query flushes this one first (autoflush), so it follows this one.
    db.session.add(entry)
    return entry


@service
def record_read(actor: User, action: str, *, premises_id: int | None, subject: str = "") -> None:
    """Reads of personal data are logged as well as changes: who looked at whose staff list,
    evidence photo or export. Called once the response is built, so the commit does not
    expire what the page is still rendering."""
    record(actor, action, premises_id=premises_id, subject=subject)


def _chained_entries():
    columns = (AuditLogEntry.id, AuditLogEntry.sequence, AuditLogEntry.at, AuditLogEntry.user_id, AuditLogEntry.action,
               AuditLogEntry.premises_id, AuditLogEntry.subject, AuditLogEntry.details, AuditLogEntry.previous_hash,
               AuditLogEntry.entry_hash)
    rows = db.session.execute(db.select(*columns).order_by(AuditLogEntry.sequence, AuditLogEntry.id)
                              .execution_options(yield_per=2000))
    try:
        for row in rows:
            yield audit_chain.ChainedEntry(**row._mapping)
    finally:
        rows.close()  # the walk stops at the first problem; release the server-side cursor


def latest_check() -> AuditLogCheck | None:
    return db.session.scalars(db.select(AuditLogCheck).order_by(AuditLogCheck.id.desc()).limit(1)).first()


def _last_clean_check() -> AuditLogCheck | None:
    return db.session.scalars(
        db.select(AuditLogCheck).where(AuditLogCheck.problem == "").order_by(AuditLogCheck.id.desc()).limit(1)
    ).first()


@service
def verify_chain() -> audit_chain.ChainReport:
    """Walks the whole chain, from the first entry, against the head the last clean check saw,
    and records the result (the officers' log page shows it)."""
    anchor = _last_clean_check()
    entries = _chained_entries()
    try:
        result = audit_chain.walk(entries, (anchor.head_sequence, anchor.head_hash) if anchor else None)
    finally:
        entries.close()
    db.session.add(AuditLogCheck(checked_at=utcnow(), entries=result.entries, head_sequence=result.head_sequence,
                                 head_hash=result.head_hash, problem=result.problem.explanation if result.problem else ""))
    return result
