"""Readiness notices as days pass with no write: the hourly send-reminders tells the business
and the officers once when an accredited premises becomes at risk (a new starter's grace
ends with nobody having trained them) and once when it is suspended pending checks, however
often it runs and whatever is written in between."""

from datetime import timedelta

from scheme.domain import clock
from scheme.domain.training import staff
from scheme.enums import JobRole, Role
from scheme.extensions import db
from scheme.models import OutboxMessage
from tests import factories
from tests.integration.certificates.conftest import TODAY, issue, make_eligible_premises

STARTER_GRACE = timedelta(weeks=4)  # the scheme's default for new starters
READINESS_GRACE = timedelta(days=14)  # the scheme's default for an at-risk premises


def _run(runner, day) -> list[tuple[str, str]]:
    """send-reminders for the day; the readiness notices it queued, as (template, to)."""
    before = db.session.scalar(db.select(db.func.max(OutboxMessage.id))) or 0
    result = runner.invoke(args=["send-reminders", "--today", day.isoformat()])
    assert result.exit_code == 0, result.output
    return sorted(tuple(row) for row in db.session.execute(
        db.select(OutboxMessage.template, OutboxMessage.to)
        .where(OutboxMessage.id > before, OutboxMessage.template.startswith("readiness_"))).all())


def test_each_notice_goes_once_to_the_business_and_the_officers_as_days_pass(app, runner, business_user, officer):
    second_officer = factories.make_user(Role.OFFICER, name="Kit Officer", email="kit.officer@example.com")
    other_business = factories.make_user(Role.BUSINESS, email="other.business@example.com")
    with clock.on(TODAY):
        premises = make_eligible_premises(business_user, on=TODAY)
        issue(premises, on=TODAY, actor=officer)
        # Started today and not yet trained: counted once their four weeks' grace ends.
        staff.add_staff(business_user, premises.id, staff.StaffDetails("Sam Newstart", JobRole.RECEPTION, TODAY))
        lead = next(person for person in staff.staff_of(premises.id) if person.is_safeguarding_lead)
    db.session.query(OutboxMessage).delete()
    db.session.commit()
    everyone = [business_user.email, officer.email, second_officer.email]
    at_risk_on = TODAY + STARTER_GRACE
    suspended_on = at_risk_on + READINESS_GRACE

    told = {}
    for offset in range((suspended_on - TODAY).days + 3):
        day = TODAY + timedelta(days=offset)
        told[day] = _run(runner, day)
        assert _run(runner, day) == [], day  # the second run that hour tells nobody
        if day == at_risk_on + timedelta(days=3):
            # A write that changes nothing the rule cares about works the premises out again.
            with clock.on(day):
                staff.update_staff(business_user, lead.id, staff.StaffDetails(
                    "Lee Lead-Renamed", lead.job_role, lead.started_on))
    assert {day: notices for day, notices in told.items() if notices} == {
        at_risk_on: sorted(("readiness_at_risk", to) for to in everyone),
        suspended_on: sorted(("readiness_suspended", to) for to in everyone),
    }
    assert other_business.email not in {to for notices in told.values() for _, to in notices}
    at_risk = db.session.scalars(db.select(OutboxMessage).where(
        OutboxMessage.to == business_user.email, OutboxMessage.template == "readiness_at_risk")).one()
    assert "staff training no longer meets the scheme's rule" in at_risk.text_body.lower()
    assert f"from {suspended_on.day} {suspended_on:%B %Y}" in at_risk.text_body


def test_a_second_episode_is_told_again(app, runner, business_user, officer):
    with clock.on(TODAY):
        premises = make_eligible_premises(business_user, on=TODAY)
        issue(premises, on=TODAY, actor=officer)
        person = staff.add_staff(business_user, premises.id,
                                 staff.StaffDetails("Sam Newstart", JobRole.RECEPTION, TODAY))
    db.session.query(OutboxMessage).delete()
    db.session.commit()
    at_risk_on = TODAY + STARTER_GRACE
    assert len(_run(runner, at_risk_on)) == 2
    # Put right by their leaving; then a new untrained starter's grace ends: a new episode.
    with clock.on(at_risk_on + timedelta(days=1)):
        staff.update_staff(business_user, person.id, staff.StaffDetails(
            person.name, person.job_role, person.started_on, at_risk_on + timedelta(days=1)))
        staff.add_staff(business_user, premises.id, staff.StaffDetails(
            "Robin Later", JobRole.RECEPTION, at_risk_on + timedelta(days=1)))
    again = at_risk_on + timedelta(days=1) + STARTER_GRACE
    assert _run(runner, again - timedelta(days=1)) == []
    assert _run(runner, again) == sorted([("readiness_at_risk", business_user.email),
                                          ("readiness_at_risk", officer.email)])
    assert _run(runner, again) == []
