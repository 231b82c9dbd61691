from datetime import date

import pytest

from scheme.domain.visits.actions import visit_overdue

TODAY = date(2026, 11, 29)


@pytest.mark.parametrize(
    ("due", "overdue"),
    [(None, False), (TODAY, False), (date(2026, 11, 28), True), (date(2026, 11, 30), False)],
)
def test_a_visit_is_overdue_only_after_its_due_day(due, overdue):
    assert visit_overdue(due, TODAY) is overdue
