"""The officers' list of premises: search, filter, sort, paginate, and derived statuses in bulk.

Status is derived from certificates (scheme.domain.status), so filtering by it happens after
one query for the premises and one for their current certificates, never one query per row.
"""

import math
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from scheme.domain.status import PremisesStatus, certificate_state, current_certificate, CertificateState
from scheme.extensions import db
from scheme.models import ApplicationStatus, Certificate, CertificateStatus, Premises

PAGE_SIZE = 25
SORTS = {
    "name": "Name",
    "postcode": "Postcode",
    "status": "Status",
    "next_visit": "Next visit due",
}
_CERTIFICATE_TO_PREMISES = {
    CertificateState.VALID: PremisesStatus.ACCREDITED,
    CertificateState.EXPIRED: PremisesStatus.LAPSED,
    CertificateState.SUSPENDED: PremisesStatus.SUSPENDED,
    CertificateState.REVOKED: PremisesStatus.REVOKED,
}


def current_certificates(premises_ids: list[int]) -> dict[int, Certificate]:
    """Each premises' current certificate, in one query."""
    if not premises_ids:
        return {}
    certificates = db.session.scalars(
        db.select(Certificate).where(Certificate.status != CertificateStatus.SUPERSEDED)
        .where(Certificate.premises_id.in_(premises_ids) if len(premises_ids) < 500 else sa.true())
    )
    by_premises: dict[int, list[Certificate]] = {}
    for certificate in certificates:
        by_premises.setdefault(certificate.premises_id, []).append(certificate)
    return {pid: current_certificate(found) for pid, found in by_premises.items()}


def status_from(application_status: ApplicationStatus, certificate: Certificate | None, today: date) -> PremisesStatus:
    if application_status != ApplicationStatus.MEMBER:
        return PremisesStatus(application_status.value)
    if certificate is None:
        return PremisesStatus.MEMBER
    return _CERTIFICATE_TO_PREMISES[certificate_state(certificate, today)]


def statuses_for(rows: list[tuple[int, ApplicationStatus]], today: date) -> dict[int, PremisesStatus]:
    certificates = current_certificates([pid for pid, _ in rows])
    return {pid: status_from(status, certificates.get(pid), today) for pid, status in rows}


@dataclass(frozen=True)
class Filters:
    q: str = ""
    status: str = ""
    premises_type: str = ""
    area: str = ""
    sort: str = "name"


@dataclass
class Row:
    premises: Premises
    status: PremisesStatus
    certificate: Certificate | None


@dataclass
class Page:
    rows: list[Row]
    total: int
    page: int
    pages: int


def areas() -> list[str]:
    return list(db.session.scalars(db.select(Premises.area).distinct().order_by(Premises.area)))


def find(filters: Filters, today: date) -> list[Row]:
    query = db.select(Premises)
    if filters.q.strip():
        term = f"%{filters.q.strip().lower()}%"
        squashed = f"%{filters.q.replace(' ', '').lower()}%"
        by_number = db.select(Certificate.premises_id).where(sa.func.lower(Certificate.number).like(term))
        query = query.where(sa.or_(
            sa.func.lower(Premises.name).like(term),
            sa.func.lower(Premises.trading_name).like(term),
            sa.func.lower(sa.func.replace(Premises.postcode, " ", "")).like(squashed),
            Premises.id.in_(by_number),
        ))
    if filters.premises_type:
        query = query.where(Premises.premises_type == filters.premises_type)
    if filters.area:
        query = query.where(Premises.area == filters.area)
    premises = list(db.session.scalars(query.order_by(Premises.name, Premises.id)))
    certificates = current_certificates([p.id for p in premises])
    rows = [Row(p, status_from(p.status, certificates.get(p.id), today), certificates.get(p.id)) for p in premises]
    if filters.status:
        rows = [row for row in rows if row.status.value == filters.status]
    sort_key = {
        "postcode": lambda row: (row.premises.postcode, row.premises.name),
        "status": lambda row: (row.status.label, row.premises.name),
        "next_visit": lambda row: (row.premises.next_visit_due_on is None, row.premises.next_visit_due_on or today,
                                   row.premises.name),
    }.get(filters.sort)
    if sort_key:
        rows.sort(key=sort_key)
    return rows


def paginate(rows: list[Row], page: int) -> Page:
    pages = max(1, math.ceil(len(rows) / PAGE_SIZE))
    page = min(max(1, page), pages)
    return Page(rows[(page - 1) * PAGE_SIZE: page * PAGE_SIZE], len(rows), page, pages)
