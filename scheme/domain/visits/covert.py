"""Test visits (covert or mystery-shopper checks): a scenario, the behaviours expected of staff,
each tied to the standard it tests, and whether they did each. A test fails when any expected
behaviour was not done; each one missed becomes a retraining action against its standard,
and the failure suspends the premises at once until an officer reviews it
(scheme.domain.premises.readiness)."""

from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from scheme.domain import audit_log
from scheme.domain.access import require_staff
from scheme.domain.certificates.state import current_certificate
from scheme.domain.dates import add_months
from scheme.domain.errors import DomainError, InvalidState
from scheme.domain.lookup import get_assessment, get_or_not_found, load_related
from scheme.domain.standards import current_standards_version
from scheme.domain.transaction import service
from scheme.enums import ApplicationStatus, AssessmentKind, CertificateStatus, Outcome, PremisesType
from scheme.extensions import db
from scheme.models import (
    Action,
    Area,
    Assessment,
    Certificate,
    Premises,
    Standard,
    TestVisitCheck,
    User,
)
from scheme.models.base import utcnow

VISITS_ARE_FOR_STAFF = "Only officers and administrators record test visits"

RETRAINING_DAYS = 28
DEFAULT_BEHAVIOURS = ["Asked for ID", "Refused the room or service", "Reported it"]


@dataclass(frozen=True)
class ExpectedBehaviour:
    text: str
    standard_id: int | None = None


def testable_standards(premises: Premises) -> list[Standard]:
    """The standards in force that apply to this premises: what a test visit can test."""
    version = current_standards_version()
    if version is None:
        return []
    return [standard for standard in version.standards if standard.applies_to(premises.premises_type.value)]


def test_outcome(results: list[bool | None]) -> Outcome:
    if any(result is None for result in results):
        raise InvalidState("Say whether staff did each expected behaviour")
    return Outcome.PASS if all(results) else Outcome.FAIL


def get_test_visit(assessment_id: int) -> Assessment:
    visit = get_assessment(assessment_id, AssessmentKind.TEST_VISIT, "There is no such test visit")
    return load_related(visit, selectinload(Assessment.checks).joinedload(TestVisitCheck.standard))


@service
def record_test_visit(officer: User, premises_id: int, *, scenario: str, visit_date: date,
                      behaviours: list[ExpectedBehaviour | str]) -> Assessment:
    require_staff(officer, VISITS_ARE_FOR_STAFF)
    premises = get_or_not_found(Premises, premises_id, "There is no such premises")
    if premises.status != ApplicationStatus.MEMBER:
        raise InvalidState("Only a member of the scheme can have a test visit")
    expected = [b if isinstance(b, ExpectedBehaviour) else ExpectedBehaviour(b) for b in behaviours]
    expected = [ExpectedBehaviour(b.text.strip()[:300], b.standard_id) for b in expected if b.text.strip()]
    if not expected:
        raise DomainError("Enter at least one behaviour expected of staff")
    allowed = {standard.id for standard in testable_standards(premises)}
    if any(b.standard_id is not None and b.standard_id not in allowed for b in expected):
        raise DomainError("A behaviour must test a standard in force for this type of premises")
    visit = Assessment(premises_id=premises_id, kind=AssessmentKind.TEST_VISIT, officer_id=officer.id,
                       scenario=scenario, visit_date=visit_date)
    for position, behaviour in enumerate(expected):
        visit.checks.append(TestVisitCheck(position=position, behaviour=behaviour.text,
                                           standard_id=behaviour.standard_id))
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
    standards = {standard.id: standard for standard in db.session.scalars(
        db.select(Standard).where(Standard.id.in_([check.standard_id for check in visit.checks])))}
    for check in visit.checks:
        if not check.done:
            standard = standards.get(check.standard_id)
            against = f" ({standard.code} {standard.title})" if standard is not None else ""
            db.session.add(Action(premises_id=visit.premises_id, assessment_id=visit.id, standard_id=check.standard_id,
                                  description=f"Retrain staff{against}: in a test visit they did not do this: "
                                              f"{check.behaviour}",
                                  due_on=visit.visit_date + timedelta(days=RETRAINING_DAYS)))
    audit_log.record(officer, "test_visit.completed", premises_id=visit.premises_id, subject=f"assessment:{visit.id}",
                 details=f"Outcome: {visit.outcome.label.lower()}")
    return visit


def certificate_to_suspend(premises: Premises) -> Certificate | None:
    """The premises' current certificate when it is still active (so could be suspended)."""
    certificates = db.session.scalars(db.select(Certificate).where(Certificate.premises_id == premises.id))
    certificate = current_certificate(list(certificates))
    return certificate if certificate is not None and certificate.status == CertificateStatus.ACTIVE else None


def failed_waiting_for_review_query() -> sa.Select:
    """Failed test visits no officer has reviewed yet (each suspends its premises), with their
    premises, oldest first: a work queue."""
    return (
        db.select(Assessment, Premises).join(Premises, Premises.id == Assessment.premises_id)
        .where(Assessment.kind == AssessmentKind.TEST_VISIT, Assessment.outcome == Outcome.FAIL,
               Assessment.reviewed_at.is_(None))
        .order_by(Assessment.visit_date, Assessment.id)
    )


@dataclass(frozen=True)
class PassRate:
    area: str
    premises_type: PremisesType
    passed: int
    visits: int

    @property
    def percent(self) -> int:
        return self.passed * 100 // self.visits if self.visits else 0


PASS_RATE_MONTHS = 12


def pass_rates(today: date) -> list[PassRate]:
    """Test visits with results in the last 12 months, by area and premises type: one query."""
    since = add_months(today, -PASS_RATE_MONTHS)
    rows = db.session.execute(
        db.select(sa.func.coalesce(Area.name, ""), Premises.premises_type,
                  sa.func.count().filter(Assessment.outcome == Outcome.PASS), sa.func.count())
        .join(Premises, Premises.id == Assessment.premises_id)
        .outerjoin(Area, Area.id == Premises.area_id)
        .where(Assessment.kind == AssessmentKind.TEST_VISIT, Assessment.outcome.is_not(None),
               Assessment.visit_date > since, Assessment.visit_date <= today)
        .group_by(Area.name, Premises.premises_type)
        .order_by(Area.name, Premises.premises_type)
    ).all()
    return [PassRate(area, PremisesType(premises_type), passed, visits) for area, premises_type, passed, visits in rows]
