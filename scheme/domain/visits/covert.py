"""Test visits (covert or mystery-shopper checks): a scenario, the behaviours expected of staff,
and whether they did each. A test fails when any expected behaviour was not done; each
one missed becomes a retraining action."""

from datetime import date, timedelta

from sqlalchemy.orm import selectinload

from scheme.domain import audit_log
from scheme.domain.access import require_staff
from scheme.domain.certificates.state import current_certificate
from scheme.domain.errors import InvalidState
from scheme.domain.lookup import get_assessment, get_or_not_found, load_related
from scheme.domain.transaction import service
from scheme.enums import ApplicationStatus, AssessmentKind, CertificateStatus, Outcome
from scheme.extensions import db
from scheme.models import (
    Action,
    Assessment,
    Certificate,
    Premises,
    TestVisitCheck,
    User,
)
from scheme.models.base import utcnow

VISITS_ARE_FOR_STAFF = "Only officers and administrators record test visits"

RETRAINING_DAYS = 28
DEFAULT_BEHAVIOURS = ["Asked for ID", "Refused the room or service", "Reported it"]


def test_outcome(results: list[bool | None]) -> Outcome:
    if any(result is None for result in results):
        raise InvalidState("Say whether staff did each expected behaviour")
    return Outcome.PASS if all(results) else Outcome.FAIL


def get_test_visit(assessment_id: int) -> Assessment:
    visit = get_assessment(assessment_id, AssessmentKind.TEST_VISIT, "There is no such test visit")
    return load_related(visit, selectinload(Assessment.checks))


@service
def record_test_visit(officer: User, premises_id: int, *, scenario: str, visit_date: date,
                      behaviours: list[str]) -> Assessment:
    require_staff(officer, VISITS_ARE_FOR_STAFF)
    premises = get_or_not_found(Premises, premises_id, "There is no such premises")
    if premises.status != ApplicationStatus.MEMBER:
        raise InvalidState("Only a member of the scheme can have a test visit")
    visit = Assessment(premises_id=premises_id, kind=AssessmentKind.TEST_VISIT, officer_id=officer.id,
                       scenario=scenario, visit_date=visit_date)
    for position, behaviour in enumerate(behaviours):
        visit.checks.append(TestVisitCheck(position=position, behaviour=behaviour))
    db.session.add(visit)
    db.session.flush()
    audit_log.record(officer, "test_visit.recorded", premises_id=premises_id, subject=f"assessment:{visit.id}",
                 details=scenario)
    return visit


@service
def record_results(officer: User, assessment_id: int, results: dict[int, bool], summary: str) -> Assessment:
    require_staff(officer, VISITS_ARE_FOR_STAFF)
    visit = get_test_visit(assessment_id)
    if visit.completed_at is not None:
        raise InvalidState("The results of this test visit have already been recorded")
    for check in visit.checks:
        check.done = results.get(check.id)
    visit.outcome = test_outcome([check.done for check in visit.checks])
    visit.summary = summary
    visit.completed_at = utcnow()
    for check in visit.checks:
        if not check.done:
            db.session.add(Action(premises_id=visit.premises_id, assessment_id=visit.id,
                                  description=f"Retrain staff: in a test visit they did not do this: {check.behaviour}",
                                  due_on=visit.visit_date + timedelta(days=RETRAINING_DAYS)))
    audit_log.record(officer, "test_visit.completed", premises_id=visit.premises_id, subject=f"assessment:{visit.id}",
                 details=f"Outcome: {visit.outcome.label.lower()}")
    return visit


def certificate_to_suspend(premises: Premises) -> Certificate | None:
    """The premises' current certificate when it is still active (so could be suspended)."""
    certificates = db.session.scalars(db.select(Certificate).where(Certificate.premises_id == premises.id))
    certificate = current_certificate(list(certificates))
    return certificate if certificate is not None and certificate.status == CertificateStatus.ACTIVE else None
