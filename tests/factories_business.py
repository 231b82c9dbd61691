"""Test data for the business journey: whole applications in a chosen state."""

from datetime import date, timedelta

from scheme.enums import Answer, ApplicationStatus, AssessmentKind, JobRole
from scheme.extensions import db
from scheme.models import (
    Assessment,
    AssessmentAnswer,
    Pledge,
    Premises,
    StaffMember,
    StandardsVersion,
    User,
)
from scheme.models.base import utcnow
from tests import factories


def make_unconfirmed_user(**fields) -> User:
    user = factories.make_user(**fields)
    user.email_confirmed_at = None
    db.session.commit()
    return user


def make_ready_application(owner: User, version: StandardsVersion, *, status=ApplicationStatus.DRAFT,
                           **fields) -> Premises:
    """A premises with every task complete: lead, pledge, self-assessment answered."""
    premises = factories.make_premises(owner=owner, status=status, lead_phone="07700 900123", **fields)
    db.session.add(StaffMember(premises_id=premises.id, name="Dee Lead", job_role=JobRole.MANAGER,
                               is_safeguarding_lead=True, started_on=date.today() - timedelta(days=30)))
    db.session.add(Pledge(premises_id=premises.id, standards_version_id=version.id, user_id=owner.id,
                          pledged_at=utcnow()))
    assessment = Assessment(premises_id=premises.id, kind=AssessmentKind.SELF, standards_version_id=version.id)
    for standard in factories.standards_of(version):
        if standard.applies_to(premises.premises_type.value):
            assessment.answers.append(AssessmentAnswer(standard_id=standard.id, answer=Answer.MET, note=""))
    db.session.add(assessment)
    db.session.commit()
    db.session.refresh(premises)
    return premises
