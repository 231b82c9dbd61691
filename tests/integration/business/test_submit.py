"""Submitting, resubmitting after changes were requested, and what cannot be submitted."""

from datetime import date, timedelta

import pytest

from scheme.domain.errors import InvalidState
from scheme.domain.premises import applications
from scheme.enums import ApplicationStatus
from scheme.extensions import db
from scheme.models import AuditLogEntry, OutboxMessage, Pledge
from scheme.models.base import utcnow
from tests import factories
from tests.factories_business import make_ready_application, make_unconfirmed_user
from tests.pages import get_page, post_page, text_of


def _submissions(premises):
    return db.session.scalars(db.select(AuditLogEntry.action).where(
        AuditLogEntry.premises_id == premises.id, AuditLogEntry.action.like("premises.%submitted"))).all()


def test_submitting_a_complete_application_confirms_by_email(mail_app, smtp_server, business_client, business_user,
                                                             standards):
    premises = make_ready_application(business_user, standards)
    page = get_page(business_client, f"/business/premises/{premises.id}/check-answers")
    assert page.find("button", string=lambda s: s and "Submit application" in s)
    page = post_page(business_client, f"/business/premises/{premises.id}/submit", {})
    assert page.h1.get_text(" ", strip=True).startswith("Application submitted")
    assert premises.status == ApplicationStatus.SUBMITTED and premises.submitted_at is not None
    assert _submissions(premises) == ["premises.submitted"]
    [message] = smtp_server.messages
    assert message["To"] == business_user.email
    assert message["Subject"] == f"Application submitted: {premises.display_name}"
    assert f"/business/premises/{premises.id}" in message.get_body(("plain",)).get_content()


def test_submitting_twice_changes_nothing_and_says_why(business_client, business_user, standards):
    premises = make_ready_application(business_user, standards)
    post_page(business_client, f"/business/premises/{premises.id}/submit", {})
    first = premises.submitted_at
    page = post_page(business_client, f"/business/premises/{premises.id}/submit", {})
    assert "Your application was not submitted. This application has already been submitted" in text_of(page)
    assert premises.submitted_at == first and _submissions(premises) == ["premises.submitted"]
    assert db.session.scalar(db.select(db.func.count()).select_from(OutboxMessage)) == 1


def test_an_application_with_a_missing_task_is_not_submitted(business_client, business_user, standards):
    premises = make_ready_application(business_user, standards)
    db.session.execute(db.delete(Pledge).where(Pledge.premises_id == premises.id))
    db.session.commit()
    page = post_page(business_client, f"/business/premises/{premises.id}/submit", {})
    assert "Complete “Read the standards and pledge to them”" in text_of(page)
    assert premises.status == ApplicationStatus.DRAFT and _submissions(premises) == []


def test_an_unconfirmed_email_must_be_confirmed_before_submitting(app, standards):
    user = make_unconfirmed_user()
    premises = make_ready_application(user, standards)
    page = post_page(app.test_client(user=user), f"/business/premises/{premises.id}/submit", {})
    assert "Confirm your email address using the link we sent you" in text_of(page)
    assert premises.status == ApplicationStatus.DRAFT


def test_a_pledge_to_older_standards_must_be_renewed(business_user, standards):
    premises = make_ready_application(business_user, standards)
    factories.make_standards_version(codes=("S1",))
    application = applications.application_for(business_user, premises.id, date.today())
    assert application.statuses[applications.Task.PLEDGE] == applications.TaskStatus.NOT_STARTED
    with pytest.raises(InvalidState):
        applications.submit_application(business_user, premises.id, utcnow(), date.today())


def test_while_under_review_the_application_is_read_only(business_client, business_user, standards):
    premises = make_ready_application(business_user, standards, status=ApplicationStatus.SUBMITTED)
    page = get_page(business_client, f"/business/premises/{premises.id}")
    assert "cannot be changed" in text_of(page)
    task_links = [a["href"] for a in page.select(".govuk-task-list a")]
    assert f"/business/premises/{premises.id}/details" not in task_links
    page = get_page(business_client, f"/business/premises/{premises.id}/check-answers")
    assert page.select(".govuk-summary-list__actions a[href$='/details']") == []
    name = premises.name
    page = post_page(business_client, f"/business/premises/{premises.id}/details",
                     {"name": "Changed", "premises_type": "hotel"})
    assert "already been submitted" in text_of(page)
    assert premises.name == name
    with pytest.raises(InvalidState):
        applications.update_details(business_user, premises.id, {"name": "Changed"})


def test_changes_requested_shows_the_message_and_resubmits_in_one_step(mail_app, smtp_server, business_client,
                                                                       business_user, standards):
    due = date.today() + timedelta(days=10)
    premises = make_ready_application(business_user, standards, status=ApplicationStatus.CHANGES_REQUESTED,
                                      officer_message="Name a lead who works most days.", changes_due_on=due)
    page = get_page(business_client, f"/business/premises/{premises.id}")
    banner = text_of(page.select_one(".govuk-notification-banner"))
    assert "Name a lead who works most days." in banner and f"{due.day} {due:%B %Y}" in banner
    assert f"/business/premises/{premises.id}/details" in [a["href"] for a in page.select(".govuk-task-list a")]
    home = get_page(business_client, "/business/")
    assert f"Changes requested by {due.day} {due:%B %Y}" in text_of(home)

    post_page(business_client, f"/business/premises/{premises.id}/safeguarding-lead",
              {"name": "Sam Daily", "job_role": "manager", "phone": "07700 900999"})
    page = get_page(business_client, f"/business/premises/{premises.id}")
    form = page.find("form", action=f"/business/premises/{premises.id}/submit")
    assert form.find("button", string=lambda s: s and "Resubmit application" in s)
    post_page(business_client, f"/business/premises/{premises.id}/submit", {})
    assert premises.status == ApplicationStatus.SUBMITTED
    assert _submissions(premises) == ["premises.resubmitted"]
    assert smtp_server.messages[0]["Subject"].startswith("Application resubmitted")


@pytest.mark.parametrize("status", [ApplicationStatus.REJECTED, ApplicationStatus.MEMBER])
def test_decided_applications_cannot_be_submitted(business_client, business_user, standards, status):
    premises = make_ready_application(business_user, standards, status=status)
    post_page(business_client, f"/business/premises/{premises.id}/submit", {})
    assert premises.status == status and _submissions(premises) == []


def test_check_answers_counts_only_the_staff_on_the_staff_today(business_client, business_user, standards):
    premises = make_ready_application(business_user, standards)
    with_staff = applications.application_for(business_user, premises.id, date.today()).premises
    listed = len(applications.active_staff(with_staff, date.today()))
    factories.make_staff(premises, name="Gone", left_on=date.today())
    factories.make_staff(premises, name="Starts soon", started_on=date.today() + timedelta(days=7))
    page = get_page(business_client, f"/business/premises/{premises.id}/check-answers")
    row = next(r for r in page.select(".govuk-summary-list__row") if "Staff listed" in r.get_text())
    assert row.select_one(".govuk-summary-list__value").get_text(strip=True) == str(listed)
    assert listed >= 1
