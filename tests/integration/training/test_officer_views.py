from datetime import date, timedelta

from flask import render_template_string

from scheme.domain.training import compliance_for
from scheme.enums import ApplicationStatus
from tests import factories
from tests.factories_training import make_team
from tests.pages import get_page, text_of

TODAY = date.today()


def test_lapsed_queue_lists_non_compliant_members_and_the_share_trained(officer_client, briefing):
    make_team([briefing], on=TODAY, name="Fine Hotel")
    make_team([briefing], on=TODAY, trained=False, name="Lapsed Cafe", area="Bocking")
    page = get_page(officer_client, "/officer/training-lapsed")
    assert page.title.text.startswith("Training lapsed - ") and "<" not in page.title.text
    text = text_of(page)
    assert "Lapsed Cafe" in text and "Fine Hotel" not in text
    assert "3 of 6 current staff (50%)" in text
    assert "1 member premises do not meet" in text


def test_summary_partial_shows_compliance_for_officers(app, officer, briefing):
    premises = make_team([briefing], on=TODAY, trained=False)
    factories.make_staff(premises, name="New Nia", started_on=TODAY - timedelta(days=3))
    with app.test_request_context():
        html = render_template_string(
            '{% extends "base.html" %}{% block title %}P{% endblock %}{% block main_content %}<h1>P</h1>'
            '{% include "officer/_training_summary.html" %}{% endblock %}',
            compliance=compliance_for(premises.id, TODAY), premises=premises,
        )
    assert "Not met" in html
    assert "0 of 3 (0%; the scheme requires 100%)" in html
    assert "New Nia: has not done Spot the signs briefing (new starter: needed by" in html


def test_business_users_cannot_see_officer_training_pages(business_client):
    for url in ["/officer/training-lapsed", "/officer/training-sessions", "/officer/training-approvals"]:
        get_page(business_client, url, status=403)


def test_queue_ignores_premises_that_are_not_members(officer_client, briefing):
    make_team([briefing], on=TODAY, trained=False, name="Draft Diner", status=ApplicationStatus.SUBMITTED)
    assert "Draft Diner" not in text_of(get_page(officer_client, "/officer/training-lapsed"))
