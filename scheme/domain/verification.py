"""The public page behind every sticker: what a certificate says now, in as few round trips
as possible.

This is the busiest page in the service, so it uses SQLAlchemy Core, not the ORM: one
statement counts the scan, one reads the certificate with its premises and the premises'
current certificate (and the reporting routes' version), and the routes themselves come
from a cache in this process that that version keeps honest. Nothing here is cached
about a certificate: a suspension shows on the next scan.
"""

from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from scheme.domain import reporting_routes
from scheme.domain.certificates import normalise_code
from scheme.domain.status import CertificateState, certificate_state
from scheme.domain.unit import service
from scheme.extensions import db
from scheme.models import Certificate, CertificateStatus, Premises, ScanCount

_certificate = Certificate.__table__
_premises = Premises.__table__
_current = Certificate.__table__.alias("current_certificate")
_scan = ScanCount.__table__


@dataclass(frozen=True)
class CurrentCertificate:
    number: str
    state: CertificateState
    expires_on: date


@dataclass(frozen=True)
class Verification:
    number: str
    state: CertificateState
    issued_on: date
    expires_on: date
    status_changed_on: date | None
    premises_name: str
    premises_address: str
    premises_type: str
    current: CurrentCertificate | None  # the premises' current certificate, when not this one

    @property
    def accredited(self) -> bool:
        return self.state == CertificateState.VALID

    @property
    def headline(self) -> str:
        if self.state == CertificateState.VALID:
            return f"Accredited until {_day(self.expires_on)}"
        return {
            CertificateState.SUSPENDED: f"NOT accredited: this certificate was suspended on {_day(self.status_changed_on)}",
            CertificateState.REVOKED: f"NOT accredited: this certificate was revoked on {_day(self.status_changed_on)}",
            CertificateState.EXPIRED: f"NOT accredited: this certificate expired on {_day(self.expires_on)}",
            CertificateState.SUPERSEDED: f"NOT valid: this certificate was replaced on {_day(self.status_changed_on)}",
        }[self.state]

    @property
    def premises_now(self) -> str | None:
        """Whether the premises holds a current certificate, for a certificate that is not valid."""
        if self.accredited:
            return None
        if self.current is not None and self.current.state == CertificateState.VALID:
            return (f"The premises holds a newer certificate, {self.current.number}, valid until "
                    f"{_day(self.current.expires_on)}. Ask to see its sticker.")
        return "The premises does not hold a current certificate."


def _day(value: date | None) -> str:
    return f"{value.day} {value:%B %Y}" if value else "an unknown date"


def _lookup_statement() -> sa.Select:
    current_id = (
        sa.select(sa.func.max(_current.c.id))
        .where(_current.c.premises_id == _certificate.c.premises_id,
               _current.c.status != CertificateStatus.SUPERSEDED.value)
        .scalar_subquery()
    )
    latest = Certificate.__table__.alias("latest")
    return (
        sa.select(
            _certificate.c.id, _certificate.c.number, _certificate.c.status, _certificate.c.issued_on,
            _certificate.c.expires_on, _certificate.c.status_changed_at,
            _premises.c.name, _premises.c.trading_name, _premises.c.premises_type, _premises.c.address_line_1,
            _premises.c.address_line_2, _premises.c.town, _premises.c.postcode,
            latest.c.id.label("current_id"), latest.c.number.label("current_number"),
            latest.c.status.label("current_status"), latest.c.expires_on.label("current_expires_on"),
            reporting_routes.version_subquery().label("routes_version"),
        )
        .select_from(_certificate)
        .join(_premises, _premises.c.id == _certificate.c.premises_id)
        .outerjoin(latest, latest.c.id == current_id)
        .where(_certificate.c.public_code == sa.bindparam("code"))
    )


def _scan_statement(dialect_name: str) -> sa.Insert:
    dialect = postgresql if dialect_name == "postgresql" else sqlite
    return (
        dialect.insert(_scan)
        .from_select(
            ["certificate_id", "day", "count"],
            sa.select(_certificate.c.id, sa.bindparam("day", type_=sa.Date), sa.literal(1))
            .where(_certificate.c.public_code == sa.bindparam("code")),
        )
        .on_conflict_do_update(index_elements=[_scan.c.certificate_id, _scan.c.day],
                               set_={"count": _scan.c.count + 1})
    )


_LOOKUP = _lookup_statement()
_SCANS: dict[str, sa.Insert] = {}


class _State:
    # certificate_state() reads .status and .expires_on; a Core row's status is a plain string.
    __slots__ = ("status", "expires_on")

    def __init__(self, status: str, expires_on: date):
        self.status = CertificateStatus(status)
        self.expires_on = expires_on


def _to_date(value: datetime | None) -> date | None:
    return value.date() if value is not None else None


def _verification(row, today: date) -> Verification:
    state = certificate_state(_State(row.status, row.expires_on), today)
    current = None
    if row.current_id is not None and row.current_id != row.id:
        current = CurrentCertificate(row.current_number,
                                     certificate_state(_State(row.current_status, row.current_expires_on), today),
                                     row.current_expires_on)
    address = ", ".join(part for part in (row.address_line_1, row.address_line_2, row.town, row.postcode) if part)
    return Verification(
        number=row.number, state=state, issued_on=row.issued_on, expires_on=row.expires_on,
        status_changed_on=_to_date(row.status_changed_at), premises_name=row.trading_name or row.name,
        premises_address=address, premises_type=row.premises_type, current=current,
    )


@service
def verify(typed_code: str, today: date) -> tuple[Verification | None, list]:
    """What the certificate with this code says today, and the reporting routes to show.

    Counts the scan (per certificate per day; nothing about who scanned). The count is the
    transaction's first statement, so on SQLite it takes the write lock before any read lock
    and two processes counting at once wait for each other rather than fail.
    """
    code = normalise_code(typed_code)
    if code is None:
        return None, reporting_routes.routes_for(None)
    connection = db.session.connection()
    dialect_name = connection.dialect.name
    scan = _SCANS.get(dialect_name)
    if scan is None:
        scan = _SCANS[dialect_name] = _scan_statement(dialect_name)
    connection.execute(scan, {"code": code, "day": today})
    row = connection.execute(_LOOKUP, {"code": code}).first()
    if row is None:
        return None, reporting_routes.routes_for(None)
    routes = reporting_routes.routes_for(row.premises_type, version=row.routes_version)
    return _verification(row, today), routes
