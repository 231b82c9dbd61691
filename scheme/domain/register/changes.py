"""When the register last changed, read in one cheap statement: the API's ETags, the bulk
files' cache and every "as at" come from it.

The register changes when a premises, certificate or area (a rename shows on every premises
in it) is written (each row keeps when it last changed; a count catches one deleted) and, with
no write at all, when a certificate's last valid day passes or a premises' suspension pending
checks begins (a day kept on it since the write that foresaw it): so the day is part of the
version, and "last changed" is the latest of the last write and the most recent such day.
"""

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

import sqlalchemy as sa

from scheme.extensions import db
from scheme.models import Area, Certificate, Premises


@dataclass(frozen=True)
class Changes:
    version: str  # changes whenever anything the register shows may have changed
    last_changed: datetime | None  # None: nothing has ever been written


def _as_datetime(value) -> datetime | None:
    # SQLite hands back aggregates of dates and times as text.
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def _as_date(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value[:10])


def changes(today: date) -> Changes:
    row = db.session.execute(sa.select(
        sa.select(sa.func.max(Premises.updated_at)).scalar_subquery(),
        sa.select(sa.func.count(Premises.id)).scalar_subquery(),
        sa.select(sa.func.max(Certificate.updated_at)).scalar_subquery(),
        sa.select(sa.func.count(Certificate.id)).scalar_subquery(),
        sa.select(sa.func.max(Certificate.expires_on)).where(Certificate.expires_on < today).scalar_subquery(),
        sa.select(sa.func.max(Area.updated_at)).scalar_subquery(),
        sa.select(sa.func.max(Premises.suspended_from)).where(Premises.suspended_from <= today).scalar_subquery(),
    )).one()
    premises_at, premises_count, certificates_at, certificates_count, last_expiry, areas_at, last_suspension = row
    written = [moment for moment in (_as_datetime(premises_at), _as_datetime(certificates_at), _as_datetime(areas_at))
               if moment]
    expired = _as_date(last_expiry)
    if expired is not None:
        # The day after a certificate's last valid day, at the start of it.
        written.append(datetime.combine(expired + timedelta(days=1), time(), tzinfo=timezone.utc))
    suspended = _as_date(last_suspension)
    if suspended is not None:
        written.append(datetime.combine(suspended, time(), tzinfo=timezone.utc))
    key = "|".join(str(part) for part in (today, premises_at, premises_count, certificates_at, certificates_count,
                                          areas_at))
    return Changes(version=hashlib.sha256(key.encode()).hexdigest()[:20], last_changed=max(written, default=None))
