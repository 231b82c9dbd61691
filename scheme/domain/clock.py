"""Today's date, from one place, so that a test can move the days on.

Rules never read the clock: they take the day as an argument. Pages, commands and the few
services that must know the real day (the day the service learned of something, for
readiness) ask here, never date.today(), which is the server's day and not always the UK's.
A test sets the day for one block of code (`on(day)`), or for a whole running app with the
`SCHEME_TODAY` setting: a date, or a function that returns one (a browser test's server,
whose days the test moves on). Production never sets it.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context

# The scheme runs in England: its day turns at midnight there, whatever the server's zone.
UK = ZoneInfo("Europe/London")

_fixed: ContextVar[date | None] = ContextVar("scheme_today", default=None)


def today() -> date:
    fixed = _fixed.get()
    if fixed is not None:
        return fixed
    if has_app_context():
        configured = current_app.config.get("SCHEME_TODAY")
        if configured is not None:
            return configured() if callable(configured) else configured
    return datetime.now(UK).date()


@contextmanager
def on(day: date) -> Iterator[date]:
    """Inside the block, today() is day (demo data built on the days things happened; tests)."""
    token = _fixed.set(day)
    try:
        yield day
    finally:
        _fixed.reset(token)
