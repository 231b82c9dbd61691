"""The officer's work queues and the scheme's outcome figures, answered by the database.

Each queue is one query of its items in order. The officer's home shows each queue's size (a
COUNT) and its first few items (LIMIT); a queue's own page shows one page of it, for one
area if asked. Nothing reads a whole queue, so the pages cost the same few statements at
any size of scheme.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import contains_eager

from scheme.domain import areas
from scheme.domain.certificates.state import is_current_certificate, valid_clause
from scheme.domain.errors import NotFound
from scheme.domain.premises import readiness, search
from scheme.domain.premises.status import PremisesStatus, status_clause
from scheme.domain.training.compliance import LapsedPremises, compliance_by_premises, kept_trained_staff_figures
from scheme.domain.visits import covert
from scheme.domain.visits.actions import overdue_clause
from scheme.domain.visits.schedule import visit_due_clause
from scheme.enums import ApplicationStatus
from scheme.extensions import db
from scheme.models import Action, Certificate, Premises, ScanCount

EXPIRY_WINDOW_DAYS = 30
PREVIEW_SIZE = 5  # items of each queue on the officer's home
PAGE_SIZE = 50  # items on a page of one queue


def _review(today: date) -> sa.Select:
    return (db.select(Premises).where(Premises.status == ApplicationStatus.SUBMITTED)
            .order_by(Premises.submitted_at, Premises.id))


def _changes(today: date) -> sa.Select:
    return (db.select(Premises)
            .where(Premises.status == ApplicationStatus.CHANGES_REQUESTED, Premises.changes_due_on < today)
            .order_by(Premises.changes_due_on, Premises.id))


def _visits(today: date) -> sa.Select:
    return (db.select(Premises)
            .where(Premises.status == ApplicationStatus.MEMBER, visit_due_clause(today))
            .order_by(Premises.next_visit_due_on.is_not(None), Premises.next_visit_due_on, Premises.name,
                      Premises.id))


def _actions(today: date) -> sa.Select:
    return (db.select(Action, Premises).join(Premises, Premises.id == Action.premises_id)
            .where(overdue_clause(today)).order_by(Action.due_on, Action.id))


def _expiring(today: date) -> sa.Select:
    return (db.select(Certificate).join(Certificate.premises)
            .where(valid_clause(Certificate, today),
                   Certificate.expires_on <= today + timedelta(days=EXPIRY_WINDOW_DAYS))
            .order_by(Certificate.expires_on, Certificate.id)
            .options(contains_eager(Certificate.premises)))


def _training(today: date) -> sa.Select:
    # trained_until is kept on write (readiness), so this is a range on an index, not the
    # training rule over every record of the scheme. Longest lapsed first.
    return (db.select(Premises)
            .where(Premises.status == ApplicationStatus.MEMBER, Premises.trained_until < today)
            .order_by(Premises.trained_until, Premises.name, Premises.id))


def _training_items(rows, today: date) -> list[LapsedPremises]:
    """A page of the training queue, with each premises' staff figures worked out by the rule
    for that page's premises alone (a few statements, whatever the page's size)."""
    premises = [row[0] for row in rows]
    compliance = compliance_by_premises([p.id for p in premises], today)
    return [LapsedPremises(p.id, p.display_name, p.area, compliance[p.id].trained_staff,
                           compliance[p.id].counted_staff, compliance[p.id].has_lead, compliance[p.id].lead_ok)
            for p in premises]


@dataclass(frozen=True)
class QueueKind:
    key: str
    title: str
    query: Callable[[date], sa.Select]  # the items in order; every query can see Premises.area_id
    item: Callable[[Any], Any] = lambda row: row[0]  # a result row as the page's item
    dated_item: Callable[[Any, date], Any] | None = None  # instead, for items that say something of today
    page_items: Callable[[list, date], list] | None = None  # instead, for a page's rows read together


KINDS = [
    QueueKind("review", "Applications awaiting review", _review),
    QueueKind("changes", "Changes requested, past their deadline", _changes),
    QueueKind("visits", "Visits due or overdue", _visits),
    QueueKind("actions", "Actions overdue", _actions, item=tuple),
    QueueKind("expiring", f"Certificates expiring in the next {EXPIRY_WINDOW_DAYS} days", _expiring),
    QueueKind("training", "Premises whose staff training has lapsed", _training, page_items=_training_items),
    QueueKind("at_risk", "Accredited premises at risk or suspended pending checks", readiness.at_risk_query,
              dated_item=readiness.at_risk_item),
    QueueKind("test_visits", "Failed test visits waiting for an officer's review",
              lambda today: covert.failed_waiting_for_review_query(), item=tuple),
]


@dataclass
class Queue:
    key: str
    title: str
    count: int
    items: list = field(default_factory=list)
    page: int = 1
    pages: int = 1
    area: str = ""


def _count(query: sa.Select) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(query.order_by(None).subquery()))


def _items(kind: QueueKind, query: sa.Select, today: date, limit: int, offset: int = 0) -> list:
    result = db.session.execute(query.limit(limit).offset(offset))
    rows = result.unique() if kind.key == "expiring" else result
    if kind.page_items is not None:
        return kind.page_items(list(rows), today)
    if kind.dated_item is not None:
        return [kind.dated_item(row, today) for row in rows]
    return [kind.item(row) for row in rows]


def work_queues(today: date) -> list[Queue]:
    """Every queue's size and its first few items: two statements a queue."""
    queues = []
    for kind in KINDS:
        query = kind.query(today)
        queues.append(Queue(kind.key, kind.title, _count(query), _items(kind, query, today, PREVIEW_SIZE)))
    return queues


def queue_named(key: str, today: date, *, area: str = "", page: int = 1) -> Queue:
    """One page of one queue (for one area, when given): only that queue is read."""
    kind = next((kind for kind in KINDS if kind.key == key), None)
    if kind is None:
        raise NotFound("There is no such work queue")
    query = kind.query(today)
    if area:
        query = query.where(areas.named(Premises.area_id, area))
    count = _count(query)
    pages = max(1, math.ceil(count / PAGE_SIZE))
    page = min(max(1, page), pages)
    return Queue(kind.key, kind.title, count, _items(kind, query, today, PAGE_SIZE, (page - 1) * PAGE_SIZE),
                 page=page, pages=pages, area=area)


@dataclass(frozen=True)
class StatusCount:
    """A row of the officers' "premises by status": the premises list's status filter value,
    its label and how many premises it holds today."""

    value: str
    label: str
    count: int


@dataclass
class Figures:
    by_status: list[StatusCount]  # in the order of the premises list's status filter
    scans_last_30_days: int
    staff_trained: tuple[int, int]  # (trained, active staff) at member premises
    test_visit_pass_rates: list[covert.PassRate] = field(default_factory=list)


def _counts_by_status_and_pending(today: date) -> dict[tuple[PremisesStatus, bool], int]:
    # Every premises with its current certificate, joined in one pass (not looked up per premises).
    current = sa.orm.aliased(Certificate, name="current_certificate")
    status = status_clause(Premises.status, current.status, current.expires_on, today)
    pending = sa.case((search.pending_checks_listed(status, today), True), else_=False)
    return {(PremisesStatus(value), bool(is_pending)): count for value, is_pending, count in db.session.execute(
        sa.select(status, pending, sa.func.count()).select_from(Premises)
        .outerjoin(current, is_current_certificate(current, Premises.id)).group_by(status, pending)
    )}


def status_counts(today: date) -> dict[PremisesStatus, int]:
    """How many premises are in each status today: one grouped query."""
    counts = {status: 0 for status in PremisesStatus}
    for (status, _), count in _counts_by_status_and_pending(today).items():
        counts[status] += count
    return counts


def listed_status_counts(today: date) -> list[StatusCount]:
    """status_counts as the premises list filters them: accredited premises the public page
    calls suspended pending checks counted apart, so each count is what its filter lists."""
    counts = _counts_by_status_and_pending(today)
    listed = {status.value: counts.get((status, False), 0) + counts.get((status, True), 0) for status in PremisesStatus}
    listed[PremisesStatus.ACCREDITED.value] = counts.get((PremisesStatus.ACCREDITED, False), 0)
    listed[search.PENDING_CHECKS] = counts.get((PremisesStatus.ACCREDITED, True), 0)
    return [StatusCount(value, label, listed[value]) for value, label in search.status_choices()]


def outcome_figures(today: date) -> Figures:
    scans = db.session.scalar(
        db.select(sa.func.coalesce(sa.func.sum(ScanCount.count), 0)).where(ScanCount.day > today - timedelta(days=30))
    )
    return Figures(by_status=listed_status_counts(today), scans_last_30_days=int(scans),
                   staff_trained=kept_trained_staff_figures(today), test_visit_pass_rates=covert.pass_rates(today))
