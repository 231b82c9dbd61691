from datetime import date, timedelta

import pytest

from scheme.domain.visits import covert
from scheme.domain.errors import InvalidState
from scheme.domain.visits.covert import test_outcome as outcome_of
from scheme.enums import ApplicationStatus, AssessmentKind, Outcome
from scheme.extensions import db
from scheme.models import Action, Assessment
from tests import factories
from tests.factories_officer import make_certificate
from tests.pages import error_messages, get_page, post_page, text_of


@pytest.mark.parametrize(("results", "expected"), [([True, True], Outcome.PASS), ([True, False], Outcome.FAIL)])
def test_a_test_fails_when_any_behaviour_was_missed(results, expected):
    assert outcome_of(results) == expected


def test_every_behaviour_needs_an_answer():
    with pytest.raises(InvalidState):
        outcome_of([True, None])


def _record(client, premises, **overrides):
    day = date.today() - timedelta(days=1)
    data = {"scenario": "An adult asks for a room with a girl of about 14", "visit_date": [day.day, day.month, day.year],
            "behaviours": "Asked for ID\nRefused the room\n"}
    data.update(overrides)
    return post_page(client, f"/officer/premises/{premises.id}/test-visits/new", data)


def test_recording_a_test_visit_needs_a_scenario_and_behaviours(officer_client):
    premises = factories.make_premises(status=ApplicationStatus.MEMBER)
    page = _record(officer_client, premises, scenario="", behaviours=" ")
    assert error_messages(page) == ["Enter the scenario", "Enter at least one behaviour expected of staff"]


def test_a_failed_test_visit_sets_retraining_actions_and_offers_suspension(officer_client):
    premises = factories.make_premises(status=ApplicationStatus.MEMBER, name="Night Owl Hotel")
    make_certificate(premises, expires_on=date.today() + timedelta(days=200))
    page = _record(officer_client, premises)
    assert "An adult asks for a room with a girl of about 14" in text_of(page)
    visit = db.session.scalar(db.select(Assessment).where(Assessment.kind == AssessmentKind.TEST_VISIT))
    first, second = covert.get_test_visit(visit.id).checks
    page = post_page(officer_client, f"/officer/test-visits/{visit.id}", {f"check_{first.id}": "yes"})
    assert error_messages(page) == ["Select whether staff did this: Refused the room"]
    page = post_page(officer_client, f"/officer/test-visits/{visit.id}",
                     {f"check_{first.id}": "yes", f"check_{second.id}": "no", "summary": "Room was let"})
    assert page.select_one("#test-outcome").get_text(strip=True) == "Failed"
    [action] = db.session.scalars(db.select(Action).where(Action.premises_id == premises.id))
    assert "Refused the room" in action.description
    assert page.find("a", string="Suspend the certificate") is not None


def test_a_passed_test_visit_sets_no_actions(officer_client):
    premises = factories.make_premises(status=ApplicationStatus.MEMBER)
    _record(officer_client, premises, behaviours="Asked for ID")
    visit = db.session.scalar(db.select(Assessment).where(Assessment.kind == AssessmentKind.TEST_VISIT))
    page = post_page(officer_client, f"/officer/test-visits/{visit.id}", {f"check_{covert.get_test_visit(visit.id).checks[0].id}": "yes"})
    assert page.select_one("#test-outcome").get_text(strip=True) == "Passed"
    assert page.find("a", string="Suspend the certificate") is None
    assert db.session.scalars(db.select(Action)).all() == []
    get_page(officer_client, f"/officer/premises/{premises.id}")
