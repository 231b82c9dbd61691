from datetime import date, timedelta

import pytest

from scheme.domain.standards import current_standards_version
from scheme.domain.visits import covert
from scheme.domain.errors import DomainError, InvalidState
from scheme.domain.premises import readiness
from scheme.domain.visits.covert import test_outcome as outcome_of
from scheme.enums import ApplicationStatus, AssessmentKind, Outcome, PremisesType
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


def _standards():
    """The standards in force (made once per test): each behaviour tests one of them."""
    version = current_standards_version() or factories.make_standards_version(codes=("S1", "S2", "S3"), optional=("S3",))
    return factories.standards_of(version)


def _record(client, premises, behaviours=("Asked for ID", "Refused the room"), **overrides):
    day = date.today() - timedelta(days=1)
    data = {"scenario": "An adult asks for a room with a girl of about 14", "visit_date": [day.day, day.month, day.year]}
    for standard, behaviour in zip(_standards(), behaviours):
        data[f"behaviour_{standard.id}"] = behaviour
    data.update(overrides)
    return post_page(client, f"/officer/premises/{premises.id}/test-visits/new", data)


def test_recording_a_test_visit_needs_a_scenario_and_behaviours(officer_client):
    premises = factories.make_premises(status=ApplicationStatus.MEMBER)
    page = _record(officer_client, premises, scenario="", behaviours=(" ",))
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
    # Set against the standard the missed behaviour tests.
    assert action.standard_id == _standards()[1].id and "S2 Standard S2" in action.description
    assert page.find("a", string="Suspend the certificate") is not None


def test_a_passed_test_visit_sets_no_actions(officer_client):
    premises = factories.make_premises(status=ApplicationStatus.MEMBER)
    _record(officer_client, premises, behaviours=("Asked for ID",))
    visit = db.session.scalar(db.select(Assessment).where(Assessment.kind == AssessmentKind.TEST_VISIT))
    page = post_page(officer_client, f"/officer/test-visits/{visit.id}", {f"check_{covert.get_test_visit(visit.id).checks[0].id}": "yes"})
    assert page.select_one("#test-outcome").get_text(strip=True) == "Passed"
    assert page.find("a", string="Suspend the certificate") is None
    assert db.session.scalars(db.select(Action)).all() == []
    get_page(officer_client, f"/officer/premises/{premises.id}")


def test_a_behaviour_must_test_a_standard_in_force_for_the_premises(officer):
    premises = factories.make_premises(status=ApplicationStatus.MEMBER)
    _standards()
    old = factories.standards_of(factories.make_standards_version(codes=("X1",), number=1))
    with pytest.raises(DomainError, match="standard in force"):
        covert.record_test_visit(officer, premises.id, scenario="S", visit_date=date.today(),
                                 behaviours=[covert.ExpectedBehaviour("Asked for ID", old[0].id)])


def test_a_failed_test_visit_waits_in_the_officers_queue_until_reviewed(officer, officer_client):
    premises = factories.make_premises(status=ApplicationStatus.MEMBER, name="Queue Hotel")
    [standard, *_] = _standards()
    visit = covert.record_test_visit(officer, premises.id, scenario="S", visit_date=date.today(),
                                     behaviours=[covert.ExpectedBehaviour("Asked for ID", standard.id)])
    covert.record_results(officer, visit.id, {covert.get_test_visit(visit.id).checks[0].id: False}, "")
    assert "Queue Hotel" in text_of(get_page(officer_client, "/officer/").select_one("#queue-test_visits"))
    assert "waiting for an officer's review" in text_of(get_page(officer_client, f"/officer/premises/{premises.id}"))
    readiness.review_test_visit(officer, visit.id, "Spoke to the manager")
    assert "Queue Hotel" not in text_of(get_page(officer_client, "/officer/").select_one("#queue-test_visits"))


def test_the_outcome_figures_give_the_test_visit_pass_rate_by_area_and_premises_type(officer, officer_client):
    [standard, *_] = _standards()
    for name, area, premises_type, passes in [("A", "Bocking", PremisesType.HOTEL, [True, False]),
                                               ("B", "Bocking", PremisesType.HOTEL, [True]),
                                               ("C", "Bocking", PremisesType.TAXI, [False])]:
        premises = factories.make_premises(status=ApplicationStatus.MEMBER, name=name, area=area,
                                           premises_type=premises_type)
        for passed in passes:
            visit = covert.record_test_visit(officer, premises.id, scenario="S", visit_date=date.today(),
                                             behaviours=[covert.ExpectedBehaviour("Asked for ID", standard.id)])
            covert.record_results(officer, visit.id, {covert.get_test_visit(visit.id).checks[0].id: passed}, "")
    rates = {(rate.area, rate.premises_type): (rate.passed, rate.visits, rate.percent)
             for rate in covert.pass_rates(date.today())}
    assert rates == {("Bocking", PremisesType.HOTEL): (2, 3, 66), ("Bocking", PremisesType.TAXI): (0, 1, 0)}
    table = text_of(get_page(officer_client, "/officer/").select_one("#test-visit-pass-rates"))
    assert "Bocking Hotel or B&B 2 of 3 66%" in " ".join(table.split())
