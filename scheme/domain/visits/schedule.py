"""When a premises' next audit visit is due, from the date its last visit set. Each rule has
its SQL twin beside it for the officers' queues."""

from datetime import date, timedelta

import sqlalchemy as sa

from scheme.models import Premises

# Officers plan visits a month ahead, so a visit is due from 30 days before its date.
VISIT_WINDOW_DAYS = 30


def visit_overdue(next_visit_due_on: date | None, today: date) -> bool:
    """After its date (a visit due today is not overdue yet)."""
    return next_visit_due_on is not None and today > next_visit_due_on


def visit_due(next_visit_due_on: date | None, today: date) -> bool:
    """Due or overdue: within the window, past it, or never visited (a first visit is due now)."""
    return next_visit_due_on is None or next_visit_due_on <= today + timedelta(days=VISIT_WINDOW_DAYS)


def visit_due_clause(today: date) -> sa.ColumnElement[bool]:
    """visit_due, as SQL over Premises."""
    return sa.or_(Premises.next_visit_due_on.is_(None),
                  Premises.next_visit_due_on <= today + timedelta(days=VISIT_WINDOW_DAYS))
