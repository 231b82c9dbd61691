"""Calendar arithmetic the scheme's rules share."""

import calendar
from datetime import date


def add_months(day: date, months: int) -> date:
    """The same day of the month, months later; the month's last day when it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
