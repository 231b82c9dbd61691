"""The officer's work queues and the scheme's outcome figures.

Each queue is one query whatever the number of premises; statuses are derived in bulk
(see premises.search.all_statuses) rather than per row.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

import sqlalchemy as sa

from scheme.domain.certificates.state import valid_clause
from scheme.domain.errors import NotFound
from scheme.domain.premises.search import all_statuses
from scheme.domain.premises.status import PremisesStatus
from scheme.domain.training import non_compliant_premises, trained_staff_figures
from scheme.domain.visits.actions import overdue_clause
from scheme.domain.visits.schedule import visit_due_clause
from scheme.enums import ApplicationStatus
from scheme.extensions import db
from scheme.models import Action, Certificate, Premises, ScanCount

EXPIRY_WINDOW_DAYS = 30


@dataclass
class Queue:
    key: str
    title: str
    items: list = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.items)


def awaiting_review() -> list[Premises]:
    return list(db.session.scalars(
        db.select(Premises).where(Premises.status == ApplicationStatus.SUBMITTED)
        .order_by(Premises.submitted_at, Premises.id)
    ))


def changes_overdue(today: date) -> list[Premises]:
    return list(db.session.scalars(
        db.select(Premises)
        .where(Premises.status == ApplicationStatus.CHANGES_REQUESTED, Premises.changes_due_on < today)
        .order_by(Premises.changes_due_on)
    ))


def visits_due(today: date) -> list[Premises]:
    return list(db.session.scalars(
        db.select(Premises)
        .where(Premises.status == ApplicationStatus.MEMBER, visit_due_clause(today))
        .order_by(Premises.next_visit_due_on.is_not(None), Premises.next_visit_due_on, Premises.name)
    ))


def overdue_actions(today: date) -> list[tuple[Action, Premises]]:
    return [tuple(row) for row in db.session.execute(
        db.select(Action, Premises).join(Premises, Premises.id == Action.premises_id)
        .where(overdue_clause(today)).order_by(Action.due_on, Action.id)
    )]


def certificates_expiring(today: date) -> list[Certificate]:
    return list(db.session.scalars(
        db.select(Certificate)
        .where(valid_clause(Certificate, today),
               Certificate.expires_on <= today + timedelta(days=EXPIRY_WINDOW_DAYS))
        .order_by(Certificate.expires_on)
        .options(sa.orm.joinedload(Certificate.premises))
    ))


def work_queues(today: date) -> list[Queue]:
    actions = overdue_actions(today)
    queues = [
        Queue("review", "Applications awaiting review", awaiting_review()),
        Queue("changes", "Changes requested, past their deadline", changes_overdue(today)),
        Queue("visits", "Visits due or overdue", visits_due(today)),
        Queue("actions", "Actions overdue", actions),
        Queue("expiring", f"Certificates expiring in the next {EXPIRY_WINDOW_DAYS} days", certificates_expiring(today)),
        Queue("training", "Premises whose staff training has lapsed", non_compliant_premises(today)),
    ]
    return queues


@dataclass
class Figures:
    by_status: dict[PremisesStatus, int]
    scans_last_30_days: int
    staff_trained: tuple[int, int]  # (trained, active staff) at member premises


def outcome_figures(today: date) -> Figures:
    statuses = all_statuses(today)
    by_status = {status: 0 for status in PremisesStatus}
    for status in statuses.values():
        by_status[status] += 1
    scans = db.session.scalar(
        db.select(sa.func.coalesce(sa.func.sum(ScanCount.count), 0)).where(ScanCount.day > today - timedelta(days=30))
    )
    return Figures(by_status=by_status, scans_last_30_days=int(scans), staff_trained=trained_staff_figures(today))


def queue_named(key: str, today: date) -> Queue:
    for queue in work_queues(today):
        if queue.key == key:
            return queue
    raise NotFound("There is no such work queue")
