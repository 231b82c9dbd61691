"""Calendar arithmetic and dates in words (scheme.domain.dates)."""

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scheme.domain.dates import (
    add_months,
    certificate_expiry,
    in_words,
    time_and_date_in_words,
    training_expiry,
)


@pytest.mark.parametrize(("day", "months", "expected"), [
    (date(2026, 11, 30), 3, date(2027, 2, 28)),  # crosses a year into a shorter month
    (date(2026, 12, 31), 2, date(2027, 2, 28)),
    (date(2026, 1, 31), 1, date(2026, 2, 28)),
    (date(2027, 12, 31), 2, date(2028, 2, 29)),  # into a leap February
    (date(2026, 3, 31), 1, date(2026, 4, 30)),
    (date(2026, 5, 15), 0, date(2026, 5, 15)),
    (date(2026, 5, 15), 24, date(2028, 5, 15)),
])
def test_add_months_keeps_the_day_or_takes_the_month_end(day, months, expected):
    assert add_months(day, months) == expected


# The two expiry rules on the same starting days: a certificate ends the day before its
# anniversary, a training completion on it.
@pytest.mark.parametrize(("start", "months", "certificate_ends", "training_ends"), [
    (date(2026, 3, 13), 12, date(2027, 3, 12), date(2027, 3, 13)),
    (date(2026, 1, 31), 1, date(2026, 2, 27), date(2026, 2, 28)),  # no 31 February
    (date(2024, 2, 29), 12, date(2025, 2, 27), date(2025, 2, 28)),  # from a leap day
    (date(2024, 2, 29), 48, date(2028, 2, 28), date(2028, 2, 29)),  # to the next leap day
    (date(2027, 12, 31), 2, date(2028, 2, 28), date(2028, 2, 29)),  # into a leap February
    (date(2026, 12, 31), 12, date(2027, 12, 30), date(2027, 12, 31)),  # a year end
    (date(2026, 11, 29), 6, date(2027, 5, 28), date(2027, 5, 29)),
    (date(2026, 3, 1), 12, date(2027, 2, 28), date(2027, 3, 1)),  # the day before is the month before
])
def test_a_certificate_ends_the_day_before_and_training_on_the_anniversary(start, months, certificate_ends,
                                                                          training_ends):
    assert certificate_expiry(start, months) == certificate_ends
    assert training_expiry(start, months) == training_ends


def test_training_valid_for_no_months_never_expires():
    assert training_expiry(date(2026, 3, 13), 0) is None


@given(st.dates(date(2000, 1, 1), date(2100, 12, 31)), st.integers(1, 120))
def test_a_certificate_always_ends_one_day_before_training_from_the_same_day(start, months):
    assert certificate_expiry(start, months) == training_expiry(start, months) - timedelta(days=1)
    assert training_expiry(start, months) > start


@pytest.mark.parametrize(("value", "words"), [
    (date(2027, 3, 5), "5 March 2027"),
    (date(2026, 12, 25), "25 December 2026"),
    (datetime(2027, 3, 5, 14, 30), "5 March 2027"),
    (None, ""),
])
def test_dates_in_words_as_gov_uk_writes_them(value, words):
    assert in_words(value) == words


def test_a_missing_date_can_have_words_of_its_own():
    assert in_words(None, missing="an unknown date") == "an unknown date"


def test_time_and_date_in_words():
    assert time_and_date_in_words(datetime(2027, 3, 5, 9, 5)) == "5 March 2027 at 09:05"
    assert time_and_date_in_words(None) == ""
