"""What every part of the demo shares: the day it is loaded, the scheme's staff who act in it,
and the premises this run has added (a second run adds none, so it changes nothing)."""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from scheme.models import User

DEMO_PASSWORD = "spot-it-demo-2026"


@dataclass
class DemoContext:
    today: date
    base_url: str
    admin: User | None = None
    officer: User | None = None
    second_officer: User | None = None
    # name -> (premises id, the business user who manages it), for premises added by this run
    added: dict[str, tuple[int, User]] = field(default_factory=dict)
    # name -> premises id, for every demo premises in the database, added by this run or before
    premises_ids: dict[str, int] = field(default_factory=dict)

    def day(self, days_ago: int) -> date:
        return self.today - timedelta(days=days_ago)

    def at(self, days_ago: int, hour: int = 10) -> datetime:
        return datetime.combine(self.day(days_ago), time(hour, 0), tzinfo=UTC)
