from datetime import date

import pytest

from scheme.domain.errors import InvalidState
from scheme.domain.settings import SchemeSettings
from scheme.domain.visits.audits import (
    Finding,
    Section,
    action_due_on,
    next_visit_on,
    outcome_for,
    section_of,
    why_not_finishable,
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


def test_an_answer_only_carried_over_from_the_last_visit_stops_the_visit_finishing():
    findings = [Finding("S1", True, MET, confirmed=False), Finding("S2", False, MET, confirmed=True),
                Finding("S3", False, NOT_MET, confirmed=False)]
    [reason] = why_not_finishable(findings)
    assert "Confirm or change each answer carried over from the last visit" in reason
    assert reason.endswith("(not yet confirmed: S1, S3)")
    with pytest.raises(InvalidState, match="not yet confirmed: S1, S3"):
        outcome_for(findings)


def test_unanswered_and_unconfirmed_standards_are_both_named():
    reasons = why_not_finishable([Finding("S1", True, None, confirmed=False), Finding("S2", True, MET, confirmed=False)])
    assert [r.split("(")[1] for r in reasons] == ["not answered: S1)", "not yet confirmed: S2)"]


def test_confirmed_answers_may_finish():
    assert why_not_finishable([Finding("S1", True, MET, confirmed=True)]) == []


def test_the_checklist_has_a_mandatory_and_a_recommended_section():
    assert section_of(True) is Section.MANDATORY and section_of(False) is Section.RECOMMENDED
    assert Section.MANDATORY.label == "Mandatory standards"
