"""Officers' decisions on applications: approve, request changes, reject.

Each decision is a conditional update on the application's state, so when two officers
decide at once only the first wins and the second is told why.
"""

from datetime import date

from sqlalchemy.orm import contains_eager, joinedload

from scheme.domain import audit_log
from scheme.domain.dates import in_words
from scheme.domain.access import require_staff
from scheme.domain.errors import InvalidState
from scheme.domain.lookup import get_or_not_found
from scheme.domain.notifications import tell_business
from scheme.domain.transaction import service
from scheme.enums import ApplicationStatus, AssessmentKind
from scheme.extensions import db
from scheme.models import (
    Assessment,
    AssessmentAnswer,
    Pledge,
    Premises,
    Standard,
    User,
)
from scheme.models.base import utcnow

DECISIONS_ARE_FOR_STAFF = "Only officers and administrators decide applications"


def application(premises_id: int) -> Premises:
    premises = get_or_not_found(Premises, premises_id, "There is no such premises")
    return premises


def latest_self_assessment(premises_id: int) -> Assessment | None:
    return db.session.scalar(
        db.select(Assessment)
        .where(Assessment.premises_id == premises_id, Assessment.kind == AssessmentKind.SELF)
        .order_by(Assessment.id.desc())
        .limit(1)
    )


def answers_of(assessment: Assessment) -> list[AssessmentAnswer]:
    return list(db.session.scalars(
        db.select(AssessmentAnswer).join(Standard)
        .where(AssessmentAnswer.assessment_id == assessment.id)
        .options(contains_eager(AssessmentAnswer.standard))
        .order_by(Standard.position, Standard.id)
    ))


def latest_pledge(premises_id: int) -> Pledge | None:
    return db.session.scalar(
        db.select(Pledge).where(Pledge.premises_id == premises_id).options(joinedload(Pledge.standards_version))
        .order_by(Pledge.pledged_at.desc()).limit(1)
    )


def _decide(premises_id: int, **values) -> Premises:
    premises = application(premises_id)
    result = db.session.execute(
        db.update(Premises)
        .where(Premises.id == premises_id, Premises.status == ApplicationStatus.SUBMITTED)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(premises)
    if result.rowcount != 1:
        raise InvalidState(
            f"This application is no longer waiting for a decision: it is now "
            f"{premises.status.value.replace('_', ' ')}. Someone else may have just decided it."
        )
    return premises


@service
def approve(officer: User, premises_id: int) -> Premises:
    require_staff(officer, DECISIONS_ARE_FOR_STAFF)
    premises = _decide(premises_id, status=ApplicationStatus.MEMBER, decided_at=utcnow(), officer_message="",
                       changes_due_on=None)
    audit_log.record(officer, "application.approved", premises_id=premises_id, subject=f"premises:{premises_id}")
    tell_business(premises, "application_approved")
    return premises


@service
def request_changes(officer: User, premises_id: int, message: str, due_on: date) -> Premises:
    require_staff(officer, DECISIONS_ARE_FOR_STAFF)
    premises = _decide(premises_id, status=ApplicationStatus.CHANGES_REQUESTED, decided_at=utcnow(),
                       officer_message=message, changes_due_on=due_on)
    audit_log.record(officer, "application.changes_requested", premises_id=premises_id, subject=f"premises:{premises_id}",
                 details=f"Due {in_words(due_on)}: {message}")
    tell_business(premises, "application_changes_requested")
    return premises


@service
def reject(officer: User, premises_id: int, reason: str) -> Premises:
    require_staff(officer, DECISIONS_ARE_FOR_STAFF)
    premises = _decide(premises_id, status=ApplicationStatus.REJECTED, decided_at=utcnow(), officer_message=reason)
    audit_log.record(officer, "application.rejected", premises_id=premises_id, subject=f"premises:{premises_id}",
                 details=reason)
    tell_business(premises, "application_rejected")
    return premises
