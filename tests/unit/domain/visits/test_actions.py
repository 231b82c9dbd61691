from datetime import date, timedelta

import pytest

from scheme.domain.visits.actions import is_overdue
from scheme.enums import ActionStatus

TODAY = date(2026, 6, 15)
DAY = timedelta(days=1)


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
