from datetime import date, timedelta

import pytest

from scheme.domain.premises.work_queues import (
    changes_past_deadline,
    days_waiting,
    expiring_soon,
    visit_state,
)
from scheme.domain.visits.actions import is_overdue
from scheme.enums import ActionStatus

TODAY = date(2026, 6, 15)
DAY = timedelta(days=1)


@pytest.mark.parametrize(
    ("due_on", "expected"),
    [
        (TODAY - DAY, "overdue"),  # overdue by one day
        (TODAY, "due"),  # due today is not overdue yet
        (TODAY + 30 * DAY, "due"),
        (TODAY + 31 * DAY, None),
        (None, "due"),  # a member never visited needs a first visit
    ],
)
def test_visit_state(due_on, expected):
    assert visit_state(due_on, TODAY) == expected


@pytest.mark.parametrize(
    ("status", "due_on", "expected"),
    [
        (ActionStatus.OPEN, TODAY - DAY, True),
        (ActionStatus.OPEN, TODAY, False),
        (ActionStatus.OPEN, TODAY + DAY, False),
        (ActionStatus.DONE, TODAY - DAY, False),  # waiting for an officer, not for the business
        (ActionStatus.CLOSED, TODAY - 10 * DAY, False),
    ],
)
def test_action_overdue(status, due_on, expected):
    assert is_overdue(status, due_on, TODAY) == expected


@pytest.mark.parametrize(("due_on", "expected"), [(TODAY - DAY, True), (TODAY, False), (None, False)])
def test_changes_past_deadline(due_on, expected):
    assert changes_past_deadline(due_on, TODAY) == expected


@pytest.mark.parametrize(
    ("expires_on", "expected"),
    [(TODAY - DAY, False), (TODAY, True), (TODAY + 30 * DAY, True), (TODAY + 31 * DAY, False)],
)
def test_certificate_expiring_within_30_days(expires_on, expected):
    assert expiring_soon(expires_on, TODAY) == expected


def test_days_waiting():
    assert days_waiting(TODAY - 3 * DAY, TODAY) == 3
    assert days_waiting(TODAY, TODAY) == 0
