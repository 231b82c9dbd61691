from scheme.extensions import db
from scheme.models import AuditLogEntry, User
from scheme.models.base import utcnow


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
