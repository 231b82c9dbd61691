"""The readiness rule on plain values: when a premises stops being ready, when the public sees
it suspended, and what is kept after a write, at every edge of the days."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scheme.domain.premises.readiness_rule import (
    NEVER,
    ActionFacts,
    Cause,
    Override,
    ReadinessFacts,
    StaffFigures,
    Stored,
    causes_on,
    days_left,
    first_day_not_ready,
    next_stored,
    next_trained_until,
    ready_on,
    staff_figures,
)
from scheme.domain.training import ModuleFacts, RecordFacts, StaffFacts

TODAY = date(2026, 6, 15)
LONG_AGO = date(2020, 1, 1)
GRACE = 14
BRIEFING = ModuleFacts(1, "Spot the signs", frozenset({"reception", "manager"}))
LEAD = StaffFacts(1, "Lee Lead", "manager", True, LONG_AGO)
LEAD_TRAINED = RecordFacts(1, 1, LONG_AGO)  # never expires


def facts(**fields) -> ReadinessFacts:
    values = dict(staff=(LEAD,), modules=(BRIEFING,), records=(LEAD_TRAINED,), new_starter_grace_weeks=4)
    return ReadinessFacts(**{**values, **fields})


def day(n: int) -> date:
    return TODAY + timedelta(days=n)


def test_a_trained_premises_is_ready_with_no_end_in_sight():
    assert ready_on(facts(), TODAY)
    assert next_stored(NEVER, facts(), TODAY, GRACE) == NEVER


def test_training_that_expires_later_sets_the_day_it_stops_counting():
    expiring = facts(records=(RecordFacts(1, 1, LONG_AGO, expires_on=day(10)),))
    assert first_day_not_ready(expiring, TODAY) == day(11)
    stored = next_stored(NEVER, expiring, TODAY, GRACE)
    assert stored == Stored(ready_until=day(10), suspended_from=day(11 + GRACE))
    assert not stored.at_risk_on(day(10)) and stored.at_risk_on(day(11))
    assert not stored.suspended_on(day(10 + GRACE)) and stored.suspended_on(day(11 + GRACE))


def test_an_untrained_starter_from_ten_weeks_ago_makes_it_at_risk_from_the_day_the_service_learns_of_it():
    starter = StaffFacts(2, "Sam New", "reception", False, day(-70))
    late = facts(staff=(LEAD, starter))
    assert Cause.TRAINING in causes_on(late, TODAY)
    # It stopped being ready six weeks ago, but nobody knew: the warning still gets its full grace.
    assert next_stored(NEVER, late, TODAY, GRACE) == Stored(day(-1), day(GRACE))


def test_a_new_starter_counts_against_the_premises_only_when_their_grace_ends():
    starter = StaffFacts(2, "Sam New", "reception", False, day(-7))
    stored = next_stored(NEVER, facts(staff=(LEAD, starter)), TODAY, GRACE)
    assert stored.ready_until == day(-7 + 28 - 1)


def test_at_risk_already_known_keeps_its_clock_running_through_later_writes():
    starter = StaffFacts(2, "Sam New", "reception", False, day(-70))
    late = facts(staff=(LEAD, starter))
    first = next_stored(NEVER, late, TODAY, GRACE)
    assert next_stored(first, late, day(5), GRACE) == first


def test_putting_it_right_brings_it_back_at_once():
    starter = StaffFacts(2, "Sam New", "reception", False, day(-70))
    late = facts(staff=(LEAD, starter))
    first = next_stored(NEVER, late, TODAY, GRACE)
    trained = facts(staff=(LEAD, starter), records=(LEAD_TRAINED, RecordFacts(2, 1, day(20))))
    assert next_stored(first, trained, day(20), GRACE) == NEVER


@pytest.mark.parametrize("status_open, mandatory, counts", [(True, True, True), (True, False, False),
                                                            (False, True, False)])
def test_only_open_mandatory_actions_past_their_due_date_count(status_open, mandatory, counts):
    with_action = facts(actions=(ActionFacts(TODAY, status_open, mandatory),))
    assert ready_on(with_action, TODAY)  # due today is not overdue
    assert ready_on(with_action, day(1)) is not counts


def test_a_failed_test_visit_suspends_at_once():
    failed = facts(failed_test_visit_on=day(-2))
    assert causes_on(failed, TODAY) == {Cause.TEST_VISIT_FAILED}
    stored = next_stored(NEVER, failed, TODAY, GRACE)
    assert stored.at_risk_on(TODAY) and stored.suspended_on(TODAY)


def test_an_officers_hold_keeps_it_ready_for_its_period_then_the_rule_applies_again():
    held = facts(failed_test_visit_on=day(-2), override=Override(TODAY, day(9)))
    assert ready_on(held, day(9)) and not ready_on(held, day(10))
    stored = next_stored(NEVER, held, TODAY, GRACE)
    assert stored == Stored(day(9), day(10))  # the failed visit still suspends at once when the hold ends


def test_trained_until_is_the_last_day_training_meets_the_rule_whatever_else_is_wrong():
    expiring = facts(records=(RecordFacts(1, 1, LONG_AGO, expires_on=day(10)),),
                     actions=(ActionFacts(day(-5), True, True),), override=Override(TODAY, day(30)))
    # An overdue action and an officer's hold move readiness, not training.
    assert next_trained_until(None, expiring, TODAY) == day(10)
    assert next_trained_until(None, facts(), TODAY) is None
    assert next_trained_until(day(-3), None, TODAY) is None


def test_training_already_lapsed_keeps_the_day_it_was_first_known():
    starter = StaffFacts(2, "Sam New", "reception", False, day(-70))
    late = facts(staff=(LEAD, starter))
    assert next_trained_until(None, late, TODAY) == day(-1)
    assert next_trained_until(day(-9), late, TODAY) == day(-9)
    # Put right: no end in sight again.
    assert next_trained_until(day(-9), facts(staff=(LEAD, starter), records=(
        LEAD_TRAINED, RecordFacts(2, 1, day(-1)))), TODAY) is None


def test_days_left():
    assert days_left(Stored(day(-1), day(14)), TODAY) == 14
    assert days_left(Stored(day(-20), day(-6)), TODAY) == 0
    assert days_left(NEVER, TODAY) is None


def test_not_a_member_keeps_nothing():
    assert next_stored(Stored(day(-1), day(3)), None, TODAY, GRACE) == NEVER


expiries = st.lists(st.integers(-40, 40), max_size=4)
starts = st.lists(st.integers(-120, 10), max_size=3)


@settings(max_examples=200, deadline=None)
@given(expiries=expiries, starts=starts, due=st.lists(st.integers(-30, 30), max_size=2),
       write_day=st.integers(-10, 10), later=st.integers(0, 60))
def test_what_is_kept_agrees_with_the_rule_on_every_later_day(expiries, starts, due, write_day, later):
    """Between writes nothing can put a premises right, so what was kept at a write says, for
    every later day, what the rule says: at risk exactly when not ready since the write."""
    people = [LEAD] + [StaffFacts(10 + i, f"P{i}", "reception", False, day(s)) for i, s in enumerate(starts)]
    records = [RecordFacts(1, 1, LONG_AGO, expires_on=day(e)) for e in expiries[:1]] or [LEAD_TRAINED]
    records += [RecordFacts(10 + i, 1, day(-200), expires_on=day(e)) for i, e in enumerate(expiries[1:])]
    the_facts = facts(staff=tuple(people), records=tuple(records),
                      actions=tuple(ActionFacts(day(d), True, True) for d in due))
    written_on = day(write_day)
    stored = next_stored(NEVER, the_facts, written_on, GRACE)
    asked = written_on + timedelta(days=later)
    not_ready_since_write = any(not ready_on(the_facts, written_on + timedelta(days=n)) for n in range(later + 1))
    assert stored.at_risk_on(asked) == not_ready_since_write
    if stored.suspended_from is not None:
        assert stored.suspended_from == stored.ready_until + timedelta(days=1 + GRACE)


@settings(max_examples=300, deadline=None)
@given(expiries=expiries, starts=starts, due=st.lists(st.integers(-30, 30), max_size=2),
       failed=st.none() | st.integers(-20, 5), hold=st.none() | st.tuples(st.integers(-10, 0), st.integers(0, 30)),
       write_day=st.integers(-10, 10), later=st.integers(0, 60))
def test_working_the_same_facts_out_again_on_a_later_day_keeps_the_same_days(
        expiries, starts, due, failed, hold, write_day, later):
    """A write that changes nothing the rule reads (a phone number, a sticker printed) moves
    no day: an at-risk episode keeps its start and the day it is suspended, so the business
    and the officers are told of it once, however many writes follow."""
    people = [LEAD] + [StaffFacts(10 + i, f"P{i}", "reception", False, day(s)) for i, s in enumerate(starts)]
    records = [RecordFacts(1, 1, LONG_AGO, expires_on=day(e)) for e in expiries[:1]] or [LEAD_TRAINED]
    records += [RecordFacts(10 + i, 1, day(-200), expires_on=day(e)) for i, e in enumerate(expiries[1:])]
    # A hold starts on the day an officer sets it, never later (the one other fact that could
    # make a premises ready again by itself is a leaving day still to come; none here).
    override = Override(day(write_day + hold[0]), day(write_day + hold[0] + hold[1])) if hold else None
    the_facts = facts(staff=tuple(people), records=tuple(records), override=override,
                      actions=tuple(ActionFacts(day(d), True, True) for d in due),
                      failed_test_visit_on=day(failed) if failed is not None else None)
    written_on = day(write_day)
    stored = next_stored(NEVER, the_facts, written_on, GRACE)
    assert next_stored(stored, the_facts, written_on + timedelta(days=later), GRACE) == stored, (
        expiries, starts, due, failed, hold, write_day, later)


def test_a_failed_test_visit_keeps_the_day_it_suspended_from_through_later_writes():
    failed = facts(failed_test_visit_on=day(-2))
    first = next_stored(NEVER, failed, TODAY, GRACE)
    assert first == Stored(day(-1), TODAY)
    assert next_stored(first, failed, day(3), GRACE) == first


def test_the_staff_figures_kept_hold_until_the_first_day_one_of_them_changes():
    people = [
        (LEAD, True, None),  # trained, for good
        (StaffFacts(2, "Al", "reception", started_on=LONG_AGO), True, TODAY + timedelta(days=40)),
        (StaffFacts(3, "Bo", "reception", started_on=TODAY + timedelta(days=10)), False, None),
        (StaffFacts(4, "Cy", "reception", started_on=LONG_AGO, left_on=TODAY + timedelta(days=20)), False, None),
        (StaffFacts(5, "Di", "reception", started_on=LONG_AGO, left_on=TODAY), True, None),  # left today
    ]
    assert staff_figures(people, TODAY) == StaffFigures(3, 2, TODAY, TODAY + timedelta(days=10))
    # Later, the start and the leaving behind it: the training lapsing is the next change.
    later = TODAY + timedelta(days=25)
    assert staff_figures(people, later) == StaffFigures(3, 2, later, TODAY + timedelta(days=41))
    assert staff_figures([(LEAD, True, None)], TODAY) == StaffFigures(1, 1, TODAY, None)
