"""Calendar arithmetic and dates in words, shared by every rule of the scheme."""

import calendar
from datetime import date, datetime, timedelta


def add_months(day: date, months: int) -> date:
    """The same day of the month, months later; the month's last day when it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# The two expiry rules differ on purpose, and sit side by side so that nobody "fixes" one
# into the other: a certificate runs for whole months and ends the day before its
# anniversary; a training completion is valid up to and including its anniversary.

def certificate_expiry(issued_on: date, validity_months: int) -> date:
    """The last valid day: a certificate issued on 13 March 2026 for 12 months is valid
    up to and including 12 March 2027."""
    return add_months(issued_on, validity_months) - timedelta(days=1)


def training_expiry(completed_on: date, validity_months: int) -> date | None:
    """The last day a completion stays valid: training completed on 13 March 2026, valid
    for 12 months, is valid up to and including 13 March 2027 (0 months: it never expires)."""
    if not validity_months:
        return None
    return add_months(completed_on, validity_months)


def in_words(value: date | datetime | None, *, missing: str = "") -> str:
    """'5 March 2027', as GOV.UK writes dates."""
    if value is None:
        return missing
    return f"{value.day} {value:%B %Y}"


def time_and_date_in_words(value: datetime | None) -> str:
    """'5 March 2027 at 14:30'."""
    if value is None:
        return ""
    return f"{in_words(value)} at {value:%H:%M}"
