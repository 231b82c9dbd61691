"""For the tests that a rule in Python and its SQL twin agree, on generated data, on the
database the suite runs on (SQLite, or PostgreSQL with TEST_DATABASE_URL)."""

from contextlib import contextmanager
from datetime import date, timedelta

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from scheme.enums import ApplicationStatus, PremisesType
from scheme.extensions import db
from scheme.models import Premises
from tests import factories

# The app fixture is set up once for all of a test's examples; each example's rows are
# rolled back at its end (rolled_back), so every example starts from the same database.
agreement = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

TODAY = date(2026, 11, 29)


def days_around(today: date = TODAY, spread: int = 3) -> st.SearchStrategy[date]:
    """Days close to today, so that the edges (yesterday, today, tomorrow) come up often."""
    return st.integers(-spread, spread).map(lambda n: today + timedelta(days=n))


@contextmanager
def rolled_back():
    try:
        yield
    finally:
        db.session.rollback()


def add_premises(**fields) -> Premises:
    """A premises, flushed but not committed, so that rolled_back takes it away again."""
    values = dict(name="Agreement Inn", premises_type=PremisesType.HOTEL, address_line_1="1 High Street",
                  town="Braintree", postcode="CM7 1JX", area_id=factories.area_id("Centre", commit=False), phone="01376 550000",
                  status=ApplicationStatus.MEMBER)
    premises = Premises(**{**values, **fields})
    db.session.add(premises)
    db.session.flush()
    return premises
