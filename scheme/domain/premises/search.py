"""The officers' list of premises: search, filter, sort and paginate, all in SQL.

Status is derived from the premises' current certificate (premises.status); its SQL twin
(status.status_clause) lets the database filter and sort by it, so a page reads only its
own rows, and only the columns the list shows, however many premises there are.
"""

import math
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from scheme.domain import areas
from scheme.domain.certificates.lists import current_certificates
from scheme.domain.certificates.state import is_current_certificate
from scheme.domain.premises.readiness_rule import pending_checks_clause
from scheme.domain.premises.status import PremisesStatus, premises_status, status_clause
from scheme.enums import PremisesType
from scheme.extensions import db
from scheme.models import Area, Certificate, Premises

PAGE_SIZE = 25
SORTS = {
    "name": "Name",
    "postcode": "Postcode",
    "status": "Status",
    "next_visit": "Next visit due",
}
# The list tells officers what the public page says: an accredited premises whose readiness
# has run out shows, and is filtered, as suspended pending checks, not as accredited.
PENDING_CHECKS = "suspended_pending_checks"
PENDING_CHECKS_LABEL = "Suspended pending checks"


def pending_checks_listed(status: sa.ColumnElement, today: date) -> sa.ColumnElement[bool]:
    """SQL: the premises, whose derived status is `status` (status_clause), is accredited but
    its public page says suspended pending checks; the list shows and counts it as such."""
    return sa.and_(status == PremisesStatus.ACCREDITED.value, pending_checks_clause(Premises.suspended_from, today))


def status_choices() -> list[tuple[str, str]]:
    """The list's status filter: each PremisesStatus, with suspended pending checks after accredited."""
    choices = []
    for status in PremisesStatus:
        choices.append((status.value, status.label))
        if status == PremisesStatus.ACCREDITED:
            choices.append((PENDING_CHECKS, PENDING_CHECKS_LABEL))
    return choices


def all_statuses(today: date) -> dict[int, PremisesStatus]:
    """Every premises' status, from two queries whatever their number (for the demo data and
    tests; pages count in SQL, see status_counts)."""
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


@dataclass(frozen=True)
class Row:
    """One premises as the list and its CSV show it."""

    id: int
    name: str
    trading_name: str
    premises_type: PremisesType
    address_line_1: str
    address_line_2: str
    town: str
    postcode: str
    area: str
    next_visit_due_on: date | None
    status: PremisesStatus
    certificate_number: str | None
    pending_checks: bool = False  # accredited, but the public page says suspended pending checks

    @property
    def status_label(self) -> str:
        return PENDING_CHECKS_LABEL if self.pending_checks else self.status.label

    @property
    def display_name(self) -> str:
        return self.trading_name or self.name

    @property
    def address(self) -> str:
        parts = [self.address_line_1, self.address_line_2, self.town, self.postcode]
        return ", ".join(part for part in parts if part)


@dataclass
class Page:
    rows: list[Row]
    total: int
    page: int
    pages: int


def _matching(filters: Filters, today: date, columns, *, with_certificate: bool):
    """The premises that match, as a query of `columns(status, pending, current)`. The current
    certificate is joined only when `with_certificate` (the caller filters, sorts or shows by
    status): a count or a page's ids by name need no other table."""
    current = sa.orm.aliased(Certificate, name="current_certificate")
    status = status_clause(Premises.status, current.status, current.expires_on, today).label("derived_status")
    pending = pending_checks_listed(status, today)
    query = sa.select(*columns(status, pending, current)).select_from(Premises)
    if with_certificate:
        query = query.outerjoin(current, is_current_certificate(current, Premises.id))
    if filters.q.strip():
        term = f"%{filters.q.strip().lower()}%"
        squashed = f"%{filters.q.replace(' ', '').lower()}%"
        by_number = sa.select(Certificate.premises_id).where(sa.func.lower(Certificate.number).like(term))
        query = query.where(sa.or_(
            sa.func.lower(Premises.name).like(term),
            sa.func.lower(Premises.trading_name).like(term),
            sa.func.lower(sa.func.replace(Premises.postcode, " ", "")).like(squashed),
            Premises.id.in_(by_number),
        ))
    if filters.premises_type:
        query = query.where(Premises.premises_type == filters.premises_type)
    if filters.area:
        query = query.where(areas.named(Premises.area_id, filters.area))
    if filters.status == PENDING_CHECKS:
        query = query.where(pending)
    elif filters.status == PremisesStatus.ACCREDITED.value:
        query = query.where(status == filters.status, sa.not_(pending))
    elif filters.status:
        query = query.where(status == filters.status)
    return query, status, pending


def _row_columns(status, pending, current) -> list:
    return [Premises.id, Premises.name, Premises.trading_name, Premises.premises_type, Premises.address_line_1,
            Premises.address_line_2, Premises.town, Premises.postcode, Area.name, Premises.next_visit_due_on, status,
            current.number, sa.case((pending, True), else_=False)]


def _id_column(status, pending, current) -> list:
    return [Premises.id]


def _rows(filters: Filters, today: date) -> tuple[sa.Select, sa.ColumnElement]:
    # The area's name by a join, not Premises.area (a lookup repeated for every row).
    query, status, _pending = _matching(filters, today, _row_columns, with_certificate=True)
    return query.outerjoin(Area, Area.id == Premises.area_id), status


def _by_label(status: sa.ColumnElement, today: date) -> sa.ColumnElement[int]:
    """SQL: the place of the premises' status label (as the list shows it) in alphabetical
    order. One CASE on `status`, so that the database works the status out once per premises
    rather than once for each label it compares with."""
    labels = sorted([(s.label, s.value, False) for s in PremisesStatus]
                    + [(PENDING_CHECKS_LABEL, PremisesStatus.ACCREDITED.value, True)])
    place = {(value, pending): n for n, (_label, value, pending) in enumerate(labels)}
    accredited = PremisesStatus.ACCREDITED.value
    return sa.case({s.value: place[(s.value, False)] for s in PremisesStatus if s.value != accredited}
                   | {accredited: sa.case((pending_checks_clause(Premises.suspended_from, today), place[(accredited, True)]),
                                          else_=place[(accredited, False)])},
                   value=status)


def _ordered(query: sa.Select, status: sa.ColumnElement, today: date, sort: str) -> sa.Select:
    order = {
        "postcode": [Premises.postcode, Premises.name],
        "status": [_by_label(status, today), Premises.name],
        "next_visit": [Premises.next_visit_due_on.is_(None), Premises.next_visit_due_on, Premises.name],
    }.get(sort, [Premises.name])
    return query.order_by(*order, Premises.id)


def _row(values) -> Row:
    return Row(*values[:10], PremisesStatus(values[10]), values[11], bool(values[12]))


def find_page(filters: Filters, page: int, today: date) -> Page:
    """One page of the premises that match, and how many match in all: two statements.

    The page's ids are picked first, from the columns that filter and order alone (by name: a
    walk along an index, however far the page), and only those 25 premises' rows are read
    in full: a page far down the list costs no more to show than the first."""
    counted, _, _ = _matching(filters, today, _id_column, with_certificate=bool(filters.status))
    total = db.session.scalar(sa.select(sa.func.count()).select_from(counted.subquery()))
    pages = max(1, math.ceil(total / PAGE_SIZE))
    page = min(max(1, page), pages)
    picked, status, _pending = _matching(filters, today, _id_column,
                                        with_certificate=bool(filters.status) or filters.sort == "status")
    picked = (_ordered(picked, status, today, filters.sort).limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)
              .correlate(None))
    query, status = _rows(Filters(sort=filters.sort), today)
    rows = db.session.execute(_ordered(query.where(Premises.id.in_(picked.scalar_subquery())), status, today,
                                       filters.sort))
    return Page([_row(values) for values in rows], total, page, pages)


def find_all(filters: Filters, today: date) -> Iterator[Row]:
    """Every premises that matches, in order, read from the database a few hundred at a time."""
    query, status = _rows(filters, today)
    for values in db.session.execute(_ordered(query, status, today, filters.sort).execution_options(yield_per=500)):
        yield _row(values)
