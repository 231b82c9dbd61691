"""Every decision a business must know about is emailed to each of its managers, and officers
hear of applications and actions done; each email is filed under its premises."""

from datetime import date, timedelta

from scheme.domain import settings
from scheme.domain.certificates import lifecycle
from scheme.domain.premises import applications, review
from scheme.domain.visits import actions, audits
from scheme.enums import Answer, ApplicationStatus, Role
from scheme.extensions import db
from scheme.models import OutboxMessage
from scheme.models.base import utcnow
from tests import factories
from tests.factories_business import make_ready_application
from tests.integration.certificates.conftest import (
    BASE_URL,
    TODAY,
    make_eligible_premises,
)

CONTACT = {"council_name": "Braintree District Council", "contact_email": "safer@braintree.example",
           "contact_phone": "01376 552525", "postal_address": "Causeway House\nBraintree CM7 9HB"}


def _received(smtp_server) -> list[tuple[str, str]]:
    return sorted((message["To"], message["Subject"]) for message in smtp_server.messages)


def _text(message) -> str:
    return message.get_body(("plain",)).get_content()


def _managers(premises, *users):
    from scheme.models import PremisesMember

    for user in users:
        db.session.add(PremisesMember(premises_id=premises.id, user_id=user.id))
    db.session.commit()


def test_certificate_decisions_reach_every_active_manager_with_the_contact_block(mail_app, smtp_server, admin):
    settings.update(admin, CONTACT)
    owner = factories.make_user(name="Olive Owner", email="olive@swan.example")
    colleague = factories.make_user(name="Cal Colleague", email="cal@swan.example")
    gone = factories.make_user(name="Gil Gone", email="gil@swan.example", active=False)
    premises = make_eligible_premises(owner, name="The Swan")
    _managers(premises, colleague, gone)
    officer = factories.make_user(Role.OFFICER)

    certificate = lifecycle.issue_certificate(premises.id, actor=officer, today=TODAY, base_url=BASE_URL)
    assert _received(smtp_server) == [("cal@swan.example", "Your Spot It Stop It certificate for The Swan"),
                                      ("olive@swan.example", "Your Spot It Stop It certificate for The Swan")]
    issued = smtp_server.messages[0]
    assert f"{BASE_URL}/business/premises/{premises.id}/certificate" in _text(issued)
    assert certificate.number in _text(issued)
    assert issued["Reply-To"] == "safer@braintree.example"
    assert "Spot It Stop It is run by Braintree District Council." in _text(issued)

    smtp_server.messages.clear()
    lifecycle.suspend_certificate(certificate.id, actor=officer, reason="Training lapsed", today=TODAY)
    lifecycle.reinstate_certificate(certificate.id, actor=officer, today=TODAY)
    lifecycle.revoke_certificate(certificate.id, actor=officer, reason="Sold to a new owner")
    subjects = [message["Subject"] for message in smtp_server.messages if message["To"] == "olive@swan.example"]
    assert subjects == ["Your Spot It Stop It certificate for The Swan is suspended",
                        "Your Spot It Stop It certificate for The Swan is valid again",
                        "Your Spot It Stop It certificate for The Swan has been revoked"]
    revoked = smtp_server.messages[-1]
    assert "Why: Sold to a new owner" in _text(revoked)
    assert "take the certificate and the window sticker down" in _text(revoked)
    assert all(message["Reply-To"] == "safer@braintree.example" for message in smtp_server.messages)
    assert "gil@swan.example" not in {message["To"] for message in smtp_server.messages}
    filed = db.session.scalars(db.select(OutboxMessage.premises_id)).all()
    assert set(filed) == {premises.id}


def test_a_renewal_is_announced_as_one(mail_app, smtp_server):
    owner = factories.make_user(email="rene@example.com")
    premises = make_eligible_premises(owner, on=TODAY)
    officer = factories.make_user(Role.OFFICER)
    first = lifecycle.issue_certificate(premises.id, actor=officer, today=TODAY - timedelta(days=340), base_url=BASE_URL)
    smtp_server.messages.clear()
    lifecycle.renew_certificate(first.id, actor=officer, today=TODAY, base_url=BASE_URL)
    [message] = smtp_server.messages
    assert message["Subject"] == f"Your renewed Spot It Stop It certificate for {premises.display_name}"
    assert "Replace the old sticker with the new one" in _text(message)


def test_application_decisions_go_to_the_business_and_submissions_to_the_officers(mail_app, smtp_server, standards):
    owner = factories.make_user(name="Ada Applicant", email="ada@example.com")
    officer = factories.make_user(Role.OFFICER, name="Olu Officer", email="olu@council.example")
    factories.make_user(Role.OFFICER, email="left@council.example", active=False)
    factories.make_user(Role.ADMIN, email="boss@council.example")
    premises = make_ready_application(owner, standards, name="The Bell")

    applications.submit_application(owner, premises.id, utcnow(), date.today())
    assert _received(smtp_server) == [("ada@example.com", "Application submitted: The Bell"),
                                      ("olu@council.example", f"Application to review: The Bell, {premises.area}")]
    to_officer = next(m for m in smtp_server.messages if m["To"] == "olu@council.example")
    assert f"/officer/applications/{premises.id}" in _text(to_officer)

    smtp_server.messages.clear()
    due = date.today() + timedelta(days=14)
    review.request_changes(officer, premises.id, "Name a lead who works most days.", due)
    [changes] = smtp_server.messages
    assert "Name a lead who works most days." in _text(changes)

    smtp_server.messages.clear()
    applications.submit_application(owner, premises.id, utcnow(), date.today())
    assert ("olu@council.example", f"Application resubmitted: The Bell, {premises.area}") in _received(smtp_server)

    smtp_server.messages.clear()
    review.reject(officer, premises.id, "Not in the scheme's area.")
    [rejected] = smtp_server.messages
    assert rejected["To"] == "ada@example.com" and "Not in the scheme's area." in _text(rejected)


def test_the_visit_outcome_lists_its_actions_and_a_done_action_is_sent_to_the_officers(mail_app, smtp_server,
                                                                                       standards):
    owner = factories.make_user(name="Vic Visited", email="vic@example.com")
    officer = factories.make_user(Role.OFFICER, email="olu@council.example")
    premises = factories.make_premises(owner=owner, status=ApplicationStatus.MEMBER, name="The Crown")
    visit = audits.start_visit(officer, premises.id, date(2026, 11, 2))
    rows = [(row.standard_id, row.standard.code, row.revision) for row in audits.checklist(visit)]
    for standard_id, code, revision in rows:
        answer = Answer.NOT_MET if code == "S2" else Answer.MET
        audits.save_answer(officer, visit.id, standard_id, answer=answer, note="No training records",
                           based_on_revision=revision)
    audits.finish_visit(officer, visit.id, settings.load())
    [outcome] = smtp_server.messages
    assert (outcome["To"], outcome["Subject"]) == ("vic@example.com", "The result of the audit visit to The Crown")
    text = _text(outcome)
    assert "Outcome: not passed" in text
    assert "- S2: No training records (by 30 November 2026)" in text
    assert "The next visit is due by 2 February 2027." in text

    smtp_server.messages.clear()
    [action] = actions.actions_for_premises(premises.id)
    actions.mark_done(owner, action.id, "Everyone did the briefing on Tuesday", None)
    [done] = smtp_server.messages
    assert (done["To"], done["Subject"]) == ("olu@council.example", "Action marked done at The Crown: check it")
    assert "Everyone did the briefing on Tuesday" in _text(done)
    assert f"/officer/actions/{action.id}" in _text(done)
