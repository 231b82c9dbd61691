"""Readiness kept on the premises by every write, and what the public page, the business, the
officers and the outbox see of it, day by day around each threshold."""

import re
from datetime import date, timedelta

import pytest

from scheme.domain import audit_log, settings
from scheme.domain.certificates import lifecycle
from scheme.domain.premises import readiness
from scheme.domain.training import records, staff
from scheme.domain.visits import actions as action_rules
from scheme.domain.visits import covert
from scheme.enums import JobRole, Role, TrainingEvidence
from scheme.extensions import db
from scheme.models import AuditLogEntry, OutboxMessage, Premises, TrainingModule
from tests import factories
from tests.factories_officer import make_action
from tests.pages import get_page, text_of
from tests.integration.certificates.conftest import TODAY, issue, make_eligible_premises

GRACE = 14
# make_eligible_premises trains the lead until 700 days on: ready until then, as far as is known.
READY = (TODAY + timedelta(days=700), TODAY + timedelta(days=701 + GRACE))


class Days:
    """The app's today, moved on by the test (the app's SCHEME_TODAY setting)."""

    def __init__(self, today: date):
        self.today = today

    def __call__(self) -> date:
        return self.today

    def move_to(self, day: date) -> None:
        self.today = day


@pytest.fixture
def days(app):
    clock = Days(TODAY)
    app.config["SCHEME_TODAY"] = clock
    yield clock
    app.config.pop("SCHEME_TODAY")


@pytest.fixture
def certified(app, days, business_user, officer):
    premises = make_eligible_premises(business_user, on=TODAY)
    certificate = issue(premises, on=TODAY, actor=officer)
    db.session.query(OutboxMessage).delete()
    db.session.commit()
    return premises, certificate


def _stored(premises_id: int) -> tuple[date | None, date | None]:
    db.session.expire_all()
    row = db.session.get(Premises, premises_id)
    return row.ready_until, row.suspended_from


def _add_untrained(actor, premises, started_on: date):
    return staff.add_staff(actor, premises.id, staff.StaffDetails("Sam Newstart", JobRole.RECEPTION, started_on))


def _train(actor, person, on: date):
    module = db.session.scalars(db.select(TrainingModule).where(TrainingModule.active.is_(True))).first()
    return records.record_training(actor, person.id, records.RecordDetails(module.id, on, TrainingEvidence.IMPORTED),
                                   on)


def _page(client, certificate) -> str:
    response = client.get(f"/v/{certificate.public_code}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_a_certified_premises_is_ready_until_its_leads_training_expires(certified):
    premises, _ = certified
    assert _stored(premises.id) == READY


def test_an_untrained_starter_of_ten_weeks_puts_it_at_risk_and_tells_the_business_and_officers(
        certified, business_user, officer, days):
    premises, _ = certified
    _add_untrained(business_user, premises, TODAY - timedelta(weeks=10))
    assert _stored(premises.id) == (TODAY - timedelta(days=1), TODAY + timedelta(days=GRACE))
    sent = {message.to: message for message in db.session.scalars(db.select(OutboxMessage))}
    assert set(sent) == {business_user.email, officer.email}
    assert "at risk" in sent[business_user.email].subject
    body = sent[business_user.email].text_body
    assert "13 December 2026" in body and "staff training" in body.lower()


def test_the_public_page_day_by_day_around_the_end_of_the_grace_period(certified, business_user, officer, days, client):
    premises, certificate = certified
    person = _add_untrained(business_user, premises, TODAY - timedelta(weeks=10))
    ends = TODAY + timedelta(days=GRACE)
    for offset, accredited in ((-1, True), (0, False), (1, False)):
        days.move_to(ends + timedelta(days=offset))
        page = _page(client, certificate)
        assert ("Accredited until" in page) is accredited, offset
        assert ("NOT accredited: suspended pending checks" in page) is not accredited, offset
    # The reason is never public.
    assert "training" not in _page(client, certificate).split("How to report")[0].lower()
    _train(officer, person, days.today)
    assert "Accredited until" in _page(client, certificate)
    assert _stored(premises.id) == READY


def test_a_warning_learned_late_still_gets_its_full_grace(certified, business_user, days, client):
    premises, certificate = certified
    days.move_to(TODAY + timedelta(days=30))
    # Entered a month late, for someone who started months ago: the grace counts from today.
    _add_untrained(business_user, premises, TODAY - timedelta(weeks=20))
    assert _stored(premises.id) == (days.today - timedelta(days=1), days.today + timedelta(days=GRACE))
    assert "Accredited until" in _page(client, certificate)


def test_a_new_module_and_training_that_expires_later_are_known_at_once_with_no_job(
        certified, officer, days, client):
    premises, certificate = certified
    module = factories.make_module(validity_months=1, title="Night-time refresher")
    # The lead must hold every active module: the new one puts the premises at risk today.
    assert _stored(premises.id)[0] == TODAY - timedelta(days=1)
    lead = next(person for person in staff.staff_of(premises.id) if person.is_safeguarding_lead)
    completed = TODAY - timedelta(days=20)
    records.record_training(officer, lead.id, records.RecordDetails(module.id, completed, TrainingEvidence.IMPORTED),
                            TODAY)
    expires = date(2026, 12, 9)  # a month after 9 November, the last valid day
    assert _stored(premises.id) == (expires, expires + timedelta(days=1 + GRACE))
    days.move_to(expires + timedelta(days=GRACE))
    assert "Accredited until" in _page(client, certificate)
    days.move_to(expires + timedelta(days=GRACE + 1))
    assert "suspended pending checks" in _page(client, certificate)


def test_a_settings_change_moves_every_premises(certified, business_user, admin, days):
    premises, _ = certified
    _add_untrained(business_user, premises, TODAY - timedelta(weeks=10))
    settings.update(admin, {"readiness_grace_days": 3})
    assert _stored(premises.id) == (TODAY - timedelta(days=1), TODAY + timedelta(days=3))
    settings.update(admin, {"required_trained_share": 50})
    assert _stored(premises.id) == (READY[0], READY[0] + timedelta(days=1 + 3))
    entries = db.session.scalars(db.select(AuditLogEntry.details).where(AuditLogEntry.action == "settings.changed")
                                 .order_by(AuditLogEntry.sequence)).all()
    assert entries == ["Days an at-risk premises keeps its accreditation: 14 to 3",
                       "Share of staff who must be trained (%): 100 to 50"]


def test_an_overdue_mandatory_action_puts_it_at_risk_and_marking_it_done_brings_it_back(
        certified, business_user, days, client):
    premises, certificate = certified
    action = make_action(premises, due_on=TODAY + timedelta(days=3))
    assert _stored(premises.id) == (TODAY + timedelta(days=3), TODAY + timedelta(days=4 + GRACE))
    days.move_to(TODAY + timedelta(days=4 + GRACE))
    assert "suspended pending checks" in _page(client, certificate)
    action_rules.mark_done(business_user, action.id, "Poster is up", None)
    assert _stored(premises.id) == READY
    assert "Accredited until" in _page(client, certificate)


def test_a_failed_test_visit_suspends_at_once_until_an_officer_reviews_it(certified, officer, days, client):
    premises, certificate = certified
    visit = covert.record_test_visit(officer, premises.id, scenario="Adult asks for a room with a teenager",
                                     visit_date=TODAY, behaviours=["Asked for ID"])
    check = covert.get_test_visit(visit.id).checks[0]
    covert.record_results(officer, visit.id, {check.id: False}, "Room given without questions")
    assert "NOT accredited: suspended pending checks" in _page(client, certificate)
    readiness.review_test_visit(officer, visit.id, "Manager retrained the night staff; we will test again")
    # The retraining action is still due in 28 days: ready until then.
    assert _stored(premises.id)[0] == TODAY + timedelta(days=covert.RETRAINING_DAYS)
    assert "Accredited until" in _page(client, certificate)


def test_an_officers_hold_keeps_it_ready_for_its_period_and_is_audited(certified, business_user, officer, days, client):
    premises, certificate = certified
    _add_untrained(business_user, premises, TODAY - timedelta(weeks=10))
    readiness.hold_as_ready(officer, premises.id, reason="Training booked for 5 December", today=TODAY,
                            until=TODAY + timedelta(days=10))
    assert _stored(premises.id) == (TODAY + timedelta(days=10), TODAY + timedelta(days=11 + GRACE))
    days.move_to(TODAY + timedelta(days=10 + GRACE))
    assert "Accredited until" in _page(client, certificate)
    days.move_to(TODAY + timedelta(days=11 + GRACE))
    assert "suspended pending checks" in _page(client, certificate)
    assert "readiness.held" in {entry.action for entry, _who in audit_log.premises_history(premises.id)}


def test_ending_a_hold_early_starts_the_grace_that_day(certified, business_user, officer, days):
    premises, _ = certified
    _add_untrained(business_user, premises, TODAY - timedelta(weeks=10))
    readiness.hold_as_ready(officer, premises.id, reason="Training booked", today=TODAY,
                            until=TODAY + timedelta(days=10))
    days.move_to(TODAY + timedelta(days=5))
    readiness.end_hold(officer, premises.id)
    assert _stored(premises.id) == (TODAY + timedelta(days=4), TODAY + timedelta(days=5 + GRACE))


@pytest.mark.parametrize("reason, until, message", [
    ("", TODAY + timedelta(days=3), "Enter the reason"),
    ("Booked", TODAY - timedelta(days=1), "today or in the future"),
    ("Booked", TODAY + timedelta(days=200), "at most"),
])
def test_a_hold_needs_a_reason_and_a_sensible_period(certified, officer, days, reason, until, message):
    premises, _ = certified
    with pytest.raises(Exception, match=message):
        readiness.hold_as_ready(officer, premises.id, reason=reason, today=TODAY, until=until)


def test_only_officers_hold_a_premises_as_ready(certified, business_user, days):
    premises, _ = certified
    with pytest.raises(Exception, match="Only officers"):
        readiness.hold_as_ready(business_user, premises.id, reason="x", today=TODAY, until=TODAY)


def test_the_at_risk_queue_lists_at_risk_certified_premises(certified, business_user, days):
    premises, _ = certified
    assert premises.id not in [item.premises.id for item in readiness.at_risk_premises(TODAY)]
    _add_untrained(business_user, premises, TODAY - timedelta(weeks=10))
    assert [item.premises.id for item in readiness.at_risk_premises(TODAY)] == [premises.id]


def test_notices_due_as_days_pass_go_once(certified, days, business_user, officer):
    premises, _ = certified
    make_action(premises, due_on=TODAY + timedelta(days=3))
    assert db.session.scalar(db.select(db.func.count(OutboxMessage.id))) == 0
    assert readiness.send_due_notices(TODAY + timedelta(days=4)) == 1
    assert readiness.send_due_notices(TODAY + timedelta(days=5)) == 0
    assert readiness.send_due_notices(TODAY + timedelta(days=4 + GRACE)) == 1
    subjects = sorted(m.subject for m in db.session.scalars(db.select(OutboxMessage).where(
        OutboxMessage.to == business_user.email)))
    assert len(subjects) == 2
    assert any("at risk" in subject for subject in subjects)
    assert any("suspended pending checks" in subject for subject in subjects)


def test_a_suspended_certificate_sends_no_at_risk_notice(certified, business_user, officer, days):
    premises, certificate = certified
    lifecycle.suspend_certificate(certificate.id, actor=officer, reason="Police investigation", today=TODAY)
    db.session.query(OutboxMessage).delete()
    db.session.commit()
    _add_untrained(business_user, premises, TODAY - timedelta(weeks=10))
    assert db.session.scalar(db.select(db.func.count(OutboxMessage.id))) == 0
    assert _stored(premises.id)[0] == TODAY - timedelta(days=1)


def test_officers_are_emailed_but_not_other_businesses(certified, days, business_user):
    premises, _ = certified
    stranger = factories.make_user(Role.BUSINESS, email="other@example.com")
    _add_untrained(business_user, premises, TODAY - timedelta(weeks=10))
    assert stranger.email not in set(db.session.scalars(db.select(OutboxMessage.to)))


def test_the_officers_home_shows_the_at_risk_queue_with_the_day_it_stops_counting(
        certified, business_user, officer_client, days):
    premises, _ = certified
    _add_untrained(business_user, premises, TODAY - timedelta(weeks=10))
    page = get_page(officer_client, "/officer/")
    section = text_of(page.select_one("#queue-at_risk"))
    assert premises.display_name in section
    assert "stops counting on 13 December 2026 (14 days left)" in section


def test_the_business_home_says_at_risk_with_the_day_it_stops_counting(certified, business_user, business_client, days):
    premises, _ = certified
    page = get_page(business_client, "/business/")
    assert page.select_one(f"#at-risk-{premises.id}") is None
    _add_untrained(business_user, premises, TODAY - timedelta(weeks=10))
    banner = text_of(get_page(business_client, "/business/").select_one(f"#at-risk-{premises.id}"))
    assert "is at risk of losing its accreditation" in banner
    assert "from 13 December 2026 (14 days from now)" in banner
    assert "Staff training no longer meets the scheme's rule: check staff training." in banner
    # Its one link goes where the cause is put right (no actions are overdue here).
    links = get_page(business_client, "/business/").select(f"#at-risk-{premises.id} a")
    assert [link["href"] for link in links] == [f"/business/premises/{premises.id}/training"]
    days.move_to(TODAY + timedelta(days=GRACE))
    banner = text_of(get_page(business_client, "/business/").select_one(f"#at-risk-{premises.id}"))
    assert "is suspended pending checks" in banner


def test_an_officer_holds_a_premises_as_ready_from_its_page_and_ends_the_hold(
        certified, business_user, officer_client, days):
    premises, _ = certified
    _add_untrained(business_user, premises, TODAY - timedelta(weeks=10))
    assert "At risk since 29 November 2026" in text_of(
        get_page(officer_client, f"/officer/premises/{premises.id}").select_one("#readiness-summary"))
    response = officer_client.post(f"/officer/premises/{premises.id}/hold-as-ready", data={
        "reason": "Sam is booked on the 3 December briefing", "until": ["5", "12", "2026"]})
    assert response.status_code == 302
    summary = text_of(get_page(officer_client, f"/officer/premises/{premises.id}").select_one("#readiness-summary"))
    assert "From 29 November 2026 to 5 December 2026 by Olu Officer: Sam is booked on the 3 December briefing" in summary
    assert "Ready until 5 December 2026" in summary
    officer_client.post(f"/officer/premises/{premises.id}/end-hold")
    summary = text_of(get_page(officer_client, f"/officer/premises/{premises.id}").select_one("#readiness-summary"))
    assert "Held as ready" not in summary and "At risk since 29 November 2026" in summary


def test_a_hold_with_no_reason_is_refused_on_the_page(certified, officer_client, days):
    premises, _ = certified
    response = officer_client.post(f"/officer/premises/{premises.id}/hold-as-ready", data={
        "reason": "", "until": ["5", "12", "2026"]})
    assert response.status_code == 200
    assert "Enter the reason for holding the premises as ready" in response.get_data(as_text=True)
    assert db.session.get(Premises, premises.id).hold_from is None


def test_an_officer_reviews_a_failed_test_visit_from_its_page(certified, officer, officer_client, days, client):
    premises, certificate = certified
    visit = covert.record_test_visit(officer, premises.id, scenario="Adult asks for a room with a teenager",
                                     visit_date=TODAY, behaviours=["Asked for ID"])
    check = covert.get_test_visit(visit.id).checks[0]
    covert.record_results(officer, visit.id, {check.id: False}, "")
    page = get_page(officer_client, f"/officer/test-visits/{visit.id}")
    assert "this failed test visit suspends the premises" in text_of(page.select_one("#test-review"))
    officer_client.post(f"/officer/test-visits/{visit.id}/review", data={"note": "Night manager retrained"})
    assert "Night manager retrained" in text_of(get_page(officer_client, f"/officer/test-visits/{visit.id}")
                                                .select_one("#test-review"))
    assert "Accredited until" in _page(client, certificate)


def test_refresh_readiness_works_out_a_premises_whose_stored_readiness_is_missing(certified, runner):
    premises, _ = certified
    kept = _stored(premises.id)
    db.session.execute(db.update(Premises).where(Premises.id == premises.id).values(ready_until=None))
    db.session.commit()
    result = runner.invoke(args=["refresh-readiness"])
    assert result.exit_code == 0, result.output
    assert "Readiness worked out for" in result.output
    db.session.expire_all()
    assert _stored(premises.id)[0] is not None


def test_the_premises_history_puts_readiness_in_plain_words(certified, business_user, officer, officer_client, days):
    premises, certificate = certified
    _add_untrained(business_user, premises, TODAY - timedelta(weeks=10))
    readiness.hold_as_ready(officer, premises.id, reason="Sam is booked on a briefing", today=TODAY,
                            until=TODAY + timedelta(days=6))
    log = text_of(get_page(officer_client, f"/officer/premises/{premises.id}").select_one("#premises-log"))
    assert "At risk: the business and officers told: staff training no longer meets the scheme's rule" in log
    assert "Held as ready by an officer: until 5 December 2026: Sam is booked on a briefing" in log
    assert f"{certificate.number}, valid until 28 November 2027" in log
    assert "_" not in log and not re.search(r"\d{4}-\d{2}-\d{2}", log)
