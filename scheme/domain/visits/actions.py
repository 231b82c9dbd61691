"""Actions a premises must put right: the business marks them done, an officer closes or reopens.

An action is open while the business still has it to do, and overdue when it is still open
after its due date (due today is not overdue). Once the business says it is done it waits
for an officer: outstanding until the officer closes it, but no longer open, so never overdue.
Each rule has its SQL twin beside it for the queues and the certificate checks.
"""

from datetime import date

import sqlalchemy as sa

from scheme.domain import audit_log
from scheme.domain.access import (
    action_for,
    check_premises,
    require_business,
    require_staff,
)
from scheme.domain.errors import InvalidState
from scheme.domain.links import external_url
from scheme.domain.lookup import get_or_not_found
from scheme.domain.notifications import tell_officers
from scheme.domain.photos import CleanImage
from scheme.domain.transaction import service
from scheme.enums import ActionStatus
from scheme.extensions import db
from scheme.models import (
    Action,
    Assessment,
    AssessmentAnswer,
    EvidencePhoto,
    Premises,
    User,
)
from scheme.models.base import utcnow


def is_open(status: ActionStatus) -> bool:
    return status == ActionStatus.OPEN


def open_clause() -> sa.ColumnElement[bool]:
    """is_open, as SQL over Action."""
    return Action.status == ActionStatus.OPEN


def is_outstanding(status: ActionStatus) -> bool:
    return status != ActionStatus.CLOSED


def outstanding_clause() -> sa.ColumnElement[bool]:
    """is_outstanding, as SQL over Action."""
    return Action.status != ActionStatus.CLOSED


def is_overdue(status: ActionStatus, due_on: date, today: date) -> bool:
    return is_open(status) and today > due_on


def overdue_clause(today: date) -> sa.ColumnElement[bool]:
    """is_overdue, as SQL over Action."""
    return open_clause() & (Action.due_on < today)


def actions_for_premises(premises_id: int, *, outstanding_only: bool = False) -> list[Action]:
    query = db.select(Action).where(Action.premises_id == premises_id)
    if outstanding_only:
        query = query.where(outstanding_clause())
    return list(db.session.scalars(query.order_by(Action.status == ActionStatus.CLOSED, Action.due_on, Action.id)))


def photo_for(user: User, photo_id: int) -> EvidencePhoto:
    photo = get_or_not_found(EvidencePhoto, photo_id, "There is no such photo")
    if photo.action_id is not None:
        action_for(user, photo.action_id)
    else:
        check_premises(user, db.session.scalar(
            db.select(Assessment.premises_id).join(AssessmentAnswer).where(AssessmentAnswer.id == photo.answer_id)))
    return photo


@service
def mark_done(user: User, action_id: int, note: str, image: CleanImage | None) -> Action:
    require_business(user, "Only the business that manages the premises marks its actions as done")
    action = action_for(user, action_id)
    if action.status != ActionStatus.OPEN:
        raise InvalidState("This action is not open: it has already been marked as done")
    action.status = ActionStatus.DONE
    action.business_note = note
    action.done_at = utcnow()
    if image is not None:
        action.photos.append(EvidencePhoto(action_id=action.id, content_type=image.content_type,
                                           content=image.content, uploaded_by_id=user.id))
    audit_log.record(user, "action.done", premises_id=action.premises_id, subject=f"action:{action.id}", details=note)
    tell_officers(db.session.get(Premises, action.premises_id), "officer_action_done", action=action, by=user,
                  link=external_url("officer.verify_action", action_id=action.id))
    return action


@service
def verify(officer: User, action_id: int, *, close: bool, note: str, due_on: date | None = None) -> Action:
    require_staff(officer, "Only officers close or reopen actions")
    action = action_for(officer, action_id)
    if action.status == ActionStatus.CLOSED:
        raise InvalidState("This action is already closed")
    action.officer_note = note
    if close:
        action.status = ActionStatus.CLOSED
        action.closed_at = utcnow()
    else:
        action.status = ActionStatus.OPEN
        action.done_at = None
        if due_on is not None:
            action.due_on = due_on
    audit_log.record(officer, "action.closed" if close else "action.reopened", premises_id=action.premises_id,
                 subject=f"action:{action.id}", details=note)
    return action
