"""The officers' list of premises: search, filter, sort, paginate, and derived statuses in bulk.

Status is derived from certificates (premises.status), so filtering by it happens after
one query for the premises and one for their current certificates, never one query per row.
"""

import math
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from scheme.domain.certificates.lists import current_certificates
from scheme.domain.premises.status import PremisesStatus, premises_status
from scheme.extensions import db
from scheme.models import Certificate, Premises

PAGE_SIZE = 25
SORTS = {
    "name": "Name",
    "postcode": "Postcode",
    "status": "Status",
    "next_visit": "Next visit due",
}
def all_statuses(today: date) -> dict[int, PremisesStatus]:
    """Every premises' status, from two queries whatever their number."""
    certificates = current_certificates(sa.select(Premises.id))
    return {row.id: premises_status(row.status, certificates.get(row.id), today)
            for row in db.session.execute(sa.select(Premises.id, Premises.status))}


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
    certificates = current_certificates(query.with_only_columns(Premises.id))
    rows = [Row(p, premises_status(p.status, certificates.get(p.id), today), certificates.get(p.id)) for p in premises]
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
