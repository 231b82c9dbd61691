from datetime import date, timedelta

import pytest

from scheme.domain.reminders import (
    action_threshold,
    certificate_threshold,
    changes_threshold,
    latest_holding,
    training_threshold,
    visit_threshold,
)
from scheme.domain.training.rule import RecordFacts
from scheme.enums import ActionStatus

TODAY = date(2026, 12, 1)


def days(n: int) -> date:
    return TODAY + timedelta(days=n)


@pytest.mark.parametrize(("days_left", "threshold"), [
    (61, None), (60, "60"), (31, "60"), (30, "30"), (8, "30"), (7, "7"), (0, "7"), (-1, None),
])
def test_a_certificate_reaches_the_nearest_threshold_before_its_expiry(days_left, threshold):
    assert certificate_threshold(days(days_left), TODAY) == threshold


@pytest.mark.parametrize(("status", "due_in", "threshold"), [
    (ActionStatus.OPEN, 8, None), (ActionStatus.OPEN, 7, "7"), (ActionStatus.OPEN, 0, "7"),
    (ActionStatus.OPEN, -1, "overdue"), (ActionStatus.OPEN, -40, "overdue"),
    # Marked done: waiting for an officer, never overdue; closed: nothing to say.
    (ActionStatus.DONE, -1, None), (ActionStatus.DONE, 3, None), (ActionStatus.CLOSED, -5, None),
])
def test_an_action_is_reminded_a_week_before_and_once_overdue(status, due_in, threshold):
    assert action_threshold(status, days(due_in), TODAY) == threshold


@pytest.mark.parametrize(("expires_in", "threshold"), [
    (31, None), (30, "30"), (0, "30"), (-1, "expired"), (None, None),
])
def test_training_is_reminded_a_month_before_and_once_expired(expires_in, threshold):
    expires_on = None if expires_in is None else days(expires_in)
    assert training_threshold(expires_on, TODAY) == threshold


@pytest.mark.parametrize(("due_in", "threshold"), [(4, None), (3, "3"), (0, "3"), (-1, None), (None, None)])
def test_changes_are_reminded_three_days_before_their_deadline(due_in, threshold):
    assert changes_threshold(None if due_in is None else days(due_in), TODAY) == threshold


@pytest.mark.parametrize(("due_in", "threshold"), [(15, None), (14, "14"), (0, "14"), (-1, None), (None, None)])
def test_officers_hear_of_a_visit_a_fortnight_before(due_in, threshold):
    assert visit_threshold(None if due_in is None else days(due_in), TODAY) == threshold


def test_a_renewed_record_is_the_one_that_counts_and_a_pending_one_does_not():
    old = RecordFacts(1, 1, days(-700), days(10))
    renewed = RecordFacts(1, 1, days(-5), days(720))
    pending = RecordFacts(1, 1, days(-1), days(900), pending=True)
    forever = RecordFacts(1, 1, days(-3000), None)
    assert latest_holding([old, renewed, pending]) is renewed
    assert latest_holding([old, forever]) is forever
    assert latest_holding([pending]) is None
