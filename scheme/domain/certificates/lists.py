"""Lists of certificates for officers: a premises' certificates with their scans, scans of
certificates that should no longer be on display, and an area's certificates for printing."""

import math
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from scheme.domain import settings
from scheme.domain.areas import AreaChoice
from scheme.domain.certificates.lifecycle import certificates_of, renewal_opens_on
from scheme.domain.certificates.state import (
    CertificateState,
    certificate_state,
    current_certificate_ids,
    valid_clause,
)
from scheme.domain.lookup import load_related
from scheme.enums import CertificateStatus
from scheme.extensions import db
from scheme.models import Area, Certificate, Premises, ScanCount


@dataclass(frozen=True)
class CertificateRow:
    certificate: Certificate
    state: CertificateState
    scans: int  # in the last 30 days
    renewal_opens_on: date | None = None


def certificate_rows(premises_id: int, today: date) -> list[CertificateRow]:
    found = certificates_of(premises_id)
    totals = scan_totals([c.id for c in found], since=today - timedelta(days=30))
    window = settings.load().renewal_window_days
    return [CertificateRow(c, certificate_state(c, today), totals.get(c.id, 0), renewal_opens_on(c, window))
            for c in found]


def scan_totals(certificate_ids: list[int], since: date) -> dict[int, int]:
    if not certificate_ids:
        return {}
    rows = db.session.execute(
        sa.select(ScanCount.certificate_id, sa.func.sum(ScanCount.count))
        .where(ScanCount.certificate_id.in_(certificate_ids), ScanCount.day >= since)
        .group_by(ScanCount.certificate_id)
    )
    return {certificate_id: int(total) for certificate_id, total in rows}


@dataclass(frozen=True)
class SuspiciousScans:
    certificate_id: int
    number: str
    state: CertificateState
    premises_id: int
    premises_name: str
    scans: int
    last_scanned_on: date


SCANS_PAGE_SIZE = 50  # rows on a page of scans of withdrawn stickers


@dataclass(frozen=True)
class SuspiciousScansPage:
    rows: list[SuspiciousScans]
    count: int
    page: int
    pages: int


def suspicious_scans(today: date, page: int = 1, days: int = 30) -> SuspiciousScansPage:
    """One page of recent scans of revoked or replaced certificates, the latest scanned first: a
    sticker that should have been taken down, or a copy of one, is still in a window somewhere.
    Counted and paged in SQL, as a county may have thousands."""
    withdrawn = (
        sa.select(ScanCount.certificate_id, sa.func.sum(ScanCount.count).label("scans"),
                  sa.func.max(ScanCount.day).label("last_day"))
        .join(Certificate, Certificate.id == ScanCount.certificate_id)
        .where(Certificate.status.in_([CertificateStatus.REVOKED, CertificateStatus.SUPERSEDED]),
               ScanCount.day >= today - timedelta(days=days))
        .group_by(ScanCount.certificate_id)
        .subquery()
    )
    count = db.session.scalar(sa.select(sa.func.count()).select_from(withdrawn))
    pages = max(1, math.ceil(count / SCANS_PAGE_SIZE))
    page = min(max(1, page), pages)
    rows = db.session.execute(
        sa.select(Certificate.id, Certificate.number, Certificate.status, Premises.id, Premises.name,
                  Premises.trading_name, withdrawn.c.scans, withdrawn.c.last_day)
        .join(withdrawn, withdrawn.c.certificate_id == Certificate.id)
        .join(Premises, Premises.id == Certificate.premises_id)
        .order_by(withdrawn.c.last_day.desc(), Certificate.number, Certificate.id)
        .limit(SCANS_PAGE_SIZE).offset((page - 1) * SCANS_PAGE_SIZE)
    )
    found = [SuspiciousScans(row[0], row[1], CertificateState(CertificateStatus(row[2]).value), row[3], row[5] or row[4],
                             int(row[6]), row[7])
             for row in rows]
    return SuspiciousScansPage(found, count, page, pages)


def areas_with_valid_certificates(today: date) -> list[AreaChoice]:
    holding = sa.select(Premises.area_id).join(Certificate).where(valid_clause(Certificate, today))
    return [AreaChoice(row.id, row.name) for row in db.session.execute(
        sa.select(Area.id, Area.name).where(Area.id.in_(holding)).order_by(Area.name, Area.id))]


def valid_certificates_in_area(area_id: int, today: date) -> Iterator[Certificate]:
    """The area's valid certificates, read a few at a time, for printing as a batch."""
    query = (
        sa.select(Certificate).join(Premises)
        .where(Premises.area_id == area_id, valid_clause(Certificate, today))
        .order_by(Premises.name, Certificate.id)
        .options(joinedload(Certificate.premises))
        .execution_options(yield_per=20)
    )
    result = db.session.scalars(query)
    try:
        for certificate in result:
            yield certificate
            db.session.expunge(certificate)
    finally:
        # A download stopped half-way closes this generator: release PostgreSQL's server-side
        # cursor now rather than whenever the garbage collector gets to it.
        result.close()


def current_certificates(premises_ids: list[int] | sa.Select) -> dict[int, Certificate]:
    """Each premises' current certificate (state.current_certificate), for pages that list
    several premises, in one query. `premises_ids` is a list or a query of ids."""
    if isinstance(premises_ids, list) and not premises_ids:
        return {}
    found = db.session.scalars(
        sa.select(Certificate)
        .where(Certificate.id.in_(current_certificate_ids()), Certificate.premises_id.in_(premises_ids))
    )
    return {certificate.premises_id: certificate for certificate in found}


def current_certificate_rows(premises_ids: list[int], today: date) -> dict[int, CertificateRow]:
    return {premises_id: CertificateRow(c, certificate_state(c, today), 0)
            for premises_id, c in current_certificates(premises_ids).items()}


def valid_certificate_of(premises_id: int, today: date) -> Certificate | None:
    """The premises' certificate in force, with the premises (its PDFs name it), or None."""
    certificate = current_certificates([premises_id]).get(premises_id)
    valid = certificate is not None and certificate_state(certificate, today) == CertificateState.VALID
    return load_related(certificate, joinedload(Certificate.premises)) if valid else None
