from datetime import date, datetime, time, timedelta, timezone

import pytest

from scheme.domain.certificates import lifecycle
from scheme.enums import (
    ApplicationStatus,
    AssessmentKind,
    JobRole,
    Outcome,
    PremisesType,
    Role,
    RouteKind,
    TrainingEvidence,
)
from scheme.extensions import db
from scheme.models import Assessment, ReportingRoute, TrainingModule, TrainingRecord
from tests import factories

TODAY = date(2026, 11, 29)
BASE_URL = "http://scheme.test"


def make_eligible_premises(owner=None, *, on: date = TODAY, premises_type=PremisesType.HOTEL, **fields):
    """A member premises whose latest audit passed and whose safeguarding lead is trained."""
    premises = factories.make_premises(owner=owner, status=ApplicationStatus.MEMBER,
                                       premises_type=premises_type, **fields)
    pass_audit(premises, on - timedelta(days=7))
    modules = db.session.scalars(db.select(TrainingModule).where(TrainingModule.active.is_(True))).all()
    if not modules:
        modules = [factories.make_module(validity_months=24)]
    lead = factories.make_staff(premises, job_role=JobRole.MANAGER, is_safeguarding_lead=True,
                                started_on=on - timedelta(days=900))
    for module in modules:
        db.session.add(TrainingRecord(staff_member_id=lead.id, module_id=module.id, completed_on=on - timedelta(days=500),
                                      expires_on=on + timedelta(days=700), evidence=TrainingEvidence.IMPORTED))
    db.session.commit()
    return premises


def pass_audit(premises, on: date, outcome: Outcome = Outcome.PASS) -> Assessment:
    audit = Assessment(premises_id=premises.id, kind=AssessmentKind.AUDIT, visit_date=on, outcome=outcome,
                       completed_at=datetime.combine(on, time(12), tzinfo=timezone.utc))
    db.session.add(audit)
    db.session.commit()
    return audit


def issue(premises, *, on: date = TODAY, actor=None):
    """The certificate issued, with its premises loaded (as the pages and PDFs read it)."""
    issued = lifecycle.issue_certificate(premises.id, actor=actor or factories.make_user(Role.OFFICER), today=on,
                                         base_url=BASE_URL)
    return lifecycle.get_certificate(issued.id)


def seed_routes():
    """The bulletin's routes, once (the e2e server's database keeps them between tests)."""
    if db.session.scalar(db.select(ReportingRoute.id).limit(1)) is not None:
        return
    rows = [
        ("Emergency: police", RouteKind.PHONE, "999", "Ask for the police.", True, []),
        ("Essex Police (non-emergency)", RouteKind.PHONE, "101", "Quote Spot It Stop It.", False, []),
        ("British Transport Police by text", RouteKind.TEXT, "61016", "Mention Operation Henderson.", False,
         [PremisesType.TRANSPORT.value]),
        ("Crimestoppers (anonymous)", RouteKind.PHONE, "0800 555 111", "You need not give your name.", False, []),
    ]
    for position, (label, kind, value, say, emergency, types) in enumerate(rows):
        db.session.add(ReportingRoute(label=label, kind=kind, value=value, what_to_say=say, position=position,
                                      emergency=emergency, premises_types=types))
    db.session.commit()


@pytest.fixture
def routes(app):
    seed_routes()


@pytest.fixture
def eligible_premises(app, business_user):
    return make_eligible_premises(business_user)
