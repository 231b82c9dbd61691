from datetime import date

import pytest

from scheme.domain.errors import InvalidState
from scheme.domain.settings import SchemeSettings
from scheme.domain.visits.audits import (
    Finding,
    action_due_on,
    next_visit_on,
    outcome_for,
)
from scheme.enums import Answer, Outcome

MET, NOT_MET, NA = Answer.MET, Answer.NOT_MET, Answer.NOT_APPLICABLE


@pytest.mark.parametrize(
    ("findings", "expected"),
    [
        ([("S1", True, MET), ("S2", True, MET)], Outcome.PASS),
        ([("S1", True, MET), ("S2", True, NA)], Outcome.PASS),
        ([("S1", True, MET), ("S2", False, NOT_MET)], Outcome.PASS_WITH_ACTIONS),
        ([("S1", True, NOT_MET), ("S2", False, MET)], Outcome.FAIL),
        ([("S1", True, NOT_MET), ("S2", False, NOT_MET)], Outcome.FAIL),
        ([], Outcome.PASS),
    ],
)
def test_outcome_fails_on_a_mandatory_standard_not_met_and_needs_actions_for_others(findings, expected):
    assert outcome_for([Finding(*f) for f in findings]) == expected


def test_a_visit_with_an_unanswered_standard_cannot_be_finished():
    with pytest.raises(InvalidState, match="S2"):
        outcome_for([Finding("S1", True, MET), Finding("S2", False, None)])


SETTINGS = SchemeSettings(visit_interval_months=12, visit_interval_after_fail_months=3)


@pytest.mark.parametrize(
    ("outcome", "visit", "expected"),
    [
        (Outcome.PASS, date(2026, 3, 10), date(2027, 3, 10)),
        (Outcome.PASS_WITH_ACTIONS, date(2026, 3, 10), date(2027, 3, 10)),
        (Outcome.FAIL, date(2026, 3, 10), date(2026, 6, 10)),
        (Outcome.FAIL, date(2026, 11, 30), date(2027, 2, 28)),  # no 30 February: the month's last day
        (Outcome.PASS, date(2028, 2, 29), date(2029, 2, 28)),
    ],
)
def test_next_visit_is_a_setting_away_and_sooner_after_a_fail(outcome, visit, expected):
    assert next_visit_on(outcome, visit, SETTINGS) == expected


def test_next_visit_follows_changed_settings():
    assert next_visit_on(Outcome.PASS, date(2026, 1, 15), SchemeSettings(visit_interval_months=6)) == date(2026, 7, 15)


def test_mandatory_actions_are_due_sooner():
    visit = date(2026, 5, 1)
    assert action_due_on(visit, True) == date(2026, 5, 29)
    assert action_due_on(visit, False) == date(2026, 6, 26)
