from datetime import date, timedelta

import pytest

from scheme.domain.errors import InvalidState
from scheme.domain.premises import review
from scheme.enums import ApplicationStatus, Role
from scheme.extensions import db
from scheme.models import AuditLogEntry, OutboxMessage
from tests import factories
from tests.factories_officer import make_application
from tests.pages import error_messages, get_page, post_page, text_of


def _outbox_to(email):
    return list(db.session.scalars(db.select(OutboxMessage).where(OutboxMessage.to == email)))


def test_the_review_page_shows_the_application_and_self_assessment(officer_client, business_user):
    version = factories.make_standards_version(codes=("S1", "S2"))
    premises = make_application(business_user, version=version, name="The Horn Hotel")
    page = get_page(officer_client, f"/officer/applications/{premises.id}")
    text = text_of(page)
    assert "Review the application from The Horn Hotel" in text
    assert f"Standards version {version.number}" in text
    assert "Self: S2 in place" in text


def test_approving_makes_a_member_records_who_and_emails_the_business(app, officer, officer_client, business_user):
    premises = make_application(business_user)
    page = post_page(officer_client, f"/officer/applications/{premises.id}", {})
    assert "is now a member of the scheme" in text_of(page)
    db.session.refresh(premises)
    assert premises.status == ApplicationStatus.MEMBER and premises.decided_at is not None
    entry = db.session.scalar(db.select(AuditLogEntry).where(AuditLogEntry.action == "application.approved"))
    assert entry.user_id == officer.id and entry.premises_id == premises.id
    [email] = _outbox_to(business_user.email)
    assert "now a member" in email.subject


def test_requesting_changes_needs_a_message_and_a_future_deadline(officer_client, business_user):
    premises = make_application(business_user)
    yesterday = date.today() - timedelta(days=1)
    page = post_page(officer_client, f"/officer/applications/{premises.id}/request-changes",
                     {"message": "", "due_on": [yesterday.day, yesterday.month, yesterday.year]})
    assert error_messages(page) == ["Enter what needs to change", "The deadline must be in the future"]
    assert premises.status == ApplicationStatus.SUBMITTED


def test_requesting_changes_sets_the_message_and_deadline_and_emails_them(officer_client, business_user):
    premises = make_application(business_user)
    due = date.today() + timedelta(days=14)
    post_page(officer_client, f"/officer/applications/{premises.id}/request-changes",
              {"message": "Name a safeguarding lead who works most days", "due_on": [due.day, due.month, due.year]})
    db.session.refresh(premises)
    assert premises.status == ApplicationStatus.CHANGES_REQUESTED
    assert premises.changes_due_on == due
    [email] = _outbox_to(business_user.email)
    assert "Name a safeguarding lead who works most days" in email.text_body
    assert f"submit the application again by {due.day} {due:%B %Y}." in email.text_body


@pytest.mark.parametrize(("parts", "message"), [
    (["", "", ""], "Enter the deadline for the changes"),
    (["31", "2", "2030"], "The deadline must be a real date"),
])
def test_the_deadline_must_be_a_real_date(officer_client, business_user, parts, message):
    premises = make_application(business_user)
    page = post_page(officer_client, f"/officer/applications/{premises.id}/request-changes",
                     {"message": "Please fix", "due_on": parts})
    assert error_messages(page) == [message]


def test_rejecting_needs_a_reason_which_is_emailed(officer_client, business_user):
    premises = make_application(business_user)
    page = post_page(officer_client, f"/officer/applications/{premises.id}/reject", {"reason": " "})
    assert error_messages(page) == ["Enter the reason for rejecting the application"]
    post_page(officer_client, f"/officer/applications/{premises.id}/reject", {"reason": "Outside the district"})
    db.session.refresh(premises)
    assert premises.status == ApplicationStatus.REJECTED
    assert "Outside the district" in _outbox_to(business_user.email)[0].text_body


def test_a_decision_on_an_application_someone_else_decided_is_refused_with_an_explanation(app, officer_client, business_user):
    premises = make_application(business_user)
    other = factories.make_user(Role.OFFICER, name="Other Officer")
    review.reject(other, premises.id, "Duplicate application")
    page = post_page(officer_client, f"/officer/applications/{premises.id}", {})
    assert "no longer waiting for a decision: it is now rejected" in text_of(page)
    db.session.refresh(premises)
    assert premises.status == ApplicationStatus.REJECTED


@pytest.mark.parametrize("decide", [
    lambda officer, pid: review.approve(officer, pid),
    lambda officer, pid: review.request_changes(officer, pid, "x", date.today()),
    lambda officer, pid: review.reject(officer, pid, "x"),
])
def test_every_decision_needs_a_submitted_application(app, officer, decide):
    premises = factories.make_premises(status=ApplicationStatus.DRAFT)
    with pytest.raises(InvalidState):
        decide(officer, premises.id)


def test_the_review_page_shows_the_safeguarding_lead_the_staff_and_their_training(officer_client, business_user):
    from scheme.enums import JobRole

    premises = make_application(business_user, version=factories.make_standards_version(codes=("S1",)),
                                name="The Lead Check Inn")
    module = factories.make_module(title="Spot the signs", required_roles=[JobRole.RECEPTION.value])
    factories.make_staff(premises, name="Lena Lead", job_role=JobRole.MANAGER, is_safeguarding_lead=True)
    factories.make_staff(premises, name="Rob Reception", job_role=JobRole.RECEPTION)
    page = get_page(officer_client, f"/officer/applications/{premises.id}")
    text = text_of(page)
    assert "Safeguarding lead: Lena Lead" in text
    cards = {text_of(card.select_one(".govuk-summary-card__title")): text_of(card)
             for card in page.select(".govuk-summary-card")}
    assert f"{module.title} Missing" in cards["Rob Reception"]
    assert "Lena Lead (safeguarding lead)" in cards
    assert "Training requirements Not met" in text
