from datetime import date, timedelta

import pytest

from scheme.domain.visits.schedule import visit_due, visit_overdue

TODAY = date(2026, 11, 29)
DAY = timedelta(days=1)


@pytest.mark.parametrize(
    ("due", "overdue"),
    [(None, False), (TODAY, False), (TODAY - DAY, True), (TODAY + DAY, False)],
)
def test_a_visit_is_overdue_only_after_its_due_day(due, overdue):
    assert visit_overdue(due, TODAY) is overdue


@pytest.mark.parametrize(
    ("due", "is_due"),
    [
        (None, True),  # a member never visited needs a first visit
        (TODAY - 100 * DAY, True),  # overdue is still due
        (TODAY, True),
        (TODAY + 30 * DAY, True),
        (TODAY + 31 * DAY, False),
    ],
)
def test_a_visit_is_due_from_30_days_before_its_day(due, is_due):
    assert visit_due(due, TODAY) is is_due
