"""Today's date, from one place, so that a test can move the days on.

Rules never read the clock: they take the day as an argument. Pages and the few services
that must know the real day (the day the service learned of something, for readiness) ask
here. A test sets the day for one block of code (`on(day)`), or for a whole running app
with the `SCHEME_TODAY` setting: a date, or a function that returns one (a browser test's
server, whose days the test moves on). Production never sets it.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date

from flask import current_app, has_app_context

_fixed: ContextVar[date | None] = ContextVar("scheme_today", default=None)


def today() -> date:
    fixed = _fixed.get()
    if fixed is not None:
        return fixed
    if has_app_context():
        configured = current_app.config.get("SCHEME_TODAY")
        if configured is not None:
            return configured() if callable(configured) else configured
    return date.today()


@contextmanager
def on(day: date) -> Iterator[date]:
    """Inside the block, today() is day (demo data built on the days things happened; tests)."""
    token = _fixed.set(day)
    try:
        yield day
    finally:
        _fixed.reset(token)
