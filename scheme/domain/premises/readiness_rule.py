"""Readiness, on plain values: whether a premises' certificate counts on a day, and what is
kept on the premises so that the public page compares one date with today.

A premises is *ready* on a day when an officer holds it as ready that day (an override), or
when all of these hold:
- it is training-compliant that day (scheme.domain.training.rule, the same rule that decides
  whether a certificate may be issued);
- none of its open mandatory actions is past its due date;
- its latest test visit did not fail, or an officer has reviewed the failure.

When it stops being ready it is *at risk*: the certificate still counts for a grace period
(a scheme setting, in days), counted from the later of the day it stopped being ready and
the day the service learned of it, so an entry dated in the past never skips the warning.
After that the public sees "suspended pending checks". A failed test visit suspends at once.

What is kept (`Stored`) is worked out when something is written, from the data as saved and
the day of the write; it stays true as days pass without a write, because nothing but a
write can put a premises right: the data say today on which future day training expires, a
new starter's grace ends or an action falls due. (A leaving date still to come is the one
fact that could make a premises ready again by itself; it counts once any write touches the
premises.)
"""

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa

from scheme.domain.training.rule import ModuleFacts, RecordFacts, StaffFacts, evaluate


class Cause(enum.StrEnum):
    TRAINING = "training"
    ACTION_OVERDUE = "action_overdue"
    TEST_VISIT_FAILED = "test_visit_failed"

    @property
    def words(self) -> str:
        return {
            Cause.TRAINING: "staff training no longer meets the scheme's rule",
            Cause.ACTION_OVERDUE: "a mandatory action is past its due date",
            Cause.TEST_VISIT_FAILED: "staff failed a test visit",
        }[self]


@dataclass(frozen=True)
class ActionFacts:
    due_on: date
    open: bool  # scheme.domain.visits.actions.is_open
    mandatory: bool


@dataclass(frozen=True)
class Override:
    """An officer holds the premises as ready from one day to another, both included."""

    starts_on: date
    ends_on: date

    def covers(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on


@dataclass(frozen=True)
class ReadinessFacts:
    staff: tuple[StaffFacts, ...] = ()
    modules: tuple[ModuleFacts, ...] = ()
    records: tuple[RecordFacts, ...] = ()
    required_share: int = 100
    new_starter_grace_weeks: int = 4
    actions: tuple[ActionFacts, ...] = ()
    # The day of the latest test visit when it failed and no officer has reviewed it yet.
    failed_test_visit_on: date | None = None
    override: Override | None = None


@dataclass(frozen=True)
class Stored:
    """What the premises keeps. ready_until: the last day it counts as ready (None: no end in
    sight); the day after it, the at-risk period starts. suspended_from: the first day the
    public page says "suspended pending checks" (None: not foreseen)."""

    ready_until: date | None = None
    suspended_from: date | None = None

    def at_risk_on(self, day: date) -> bool:
        return self.ready_until is not None and day > self.ready_until

    def suspended_on(self, day: date) -> bool:
        return pending_checks_on(self.suspended_from, day)


NEVER = Stored()


def pending_checks_on(suspended_from: date | None, day: date) -> bool:
    """Whether the public sees the premises "suspended pending checks" on the day, from what
    the premises keeps: the one rule behind `/v/<code>`, the open register and the figures."""
    return suspended_from is not None and day >= suspended_from


def pending_checks_clause(suspended_from, day: date | sa.BindParameter) -> sa.ColumnElement[bool]:
    """pending_checks_on, as SQL, on the premises' `suspended_from` column."""
    return sa.and_(suspended_from.is_not(None), suspended_from <= day)


def causes_on(facts: ReadinessFacts, day: date) -> frozenset[Cause]:
    """Why the premises is not ready on the day; empty when it is."""
    if facts.override is not None and facts.override.covers(day):
        return frozenset()
    causes = set()
    compliance = evaluate(facts.staff, facts.modules, facts.records, required_share=facts.required_share,
                          grace_weeks=facts.new_starter_grace_weeks, on=day)
    if not compliance.compliant:
        causes.add(Cause.TRAINING)
    if any(action.open and action.mandatory and day > action.due_on for action in facts.actions):
        causes.add(Cause.ACTION_OVERDUE)
    if facts.failed_test_visit_on is not None and day >= facts.failed_test_visit_on:
        causes.add(Cause.TEST_VISIT_FAILED)
    return frozenset(causes)


def ready_on(facts: ReadinessFacts, day: date) -> bool:
    return not causes_on(facts, day)


def change_days(facts: ReadinessFacts, after: date) -> list[date]:
    """The days after `after` on which readiness can change: between two of them every input
    of the rule stays the same."""
    grace = timedelta(weeks=facts.new_starter_grace_weeks)
    days = set()
    for person in facts.staff:
        if person.started_on is not None:
            days.update((person.started_on, person.started_on + grace))
        if person.left_on is not None:
            days.add(person.left_on)
    for record in facts.records:
        days.add(record.completed_on)
        if record.expires_on is not None:
            days.add(record.expires_on + timedelta(days=1))
    days.update(action.due_on + timedelta(days=1) for action in facts.actions)
    if facts.failed_test_visit_on is not None:
        days.add(facts.failed_test_visit_on)
    if facts.override is not None:
        days.update((facts.override.starts_on, facts.override.ends_on + timedelta(days=1)))
    return sorted(day for day in days if day > after)


def first_day_not_ready(facts: ReadinessFacts, today: date) -> date | None:
    """Today when it is not ready today, else the first later day it will not be, if any."""
    if not ready_on(facts, today):
        return today
    return next((day for day in change_days(facts, today) if not ready_on(facts, day)), None)


def trained_on(facts: ReadinessFacts, day: date) -> bool:
    """The training rule alone, with no officer's hold: what the "training lapsed" queue asks."""
    return evaluate(facts.staff, facts.modules, facts.records, required_share=facts.required_share,
                    grace_weeks=facts.new_starter_grace_weeks, on=day).compliant


def next_trained_until(previous: date | None, facts: ReadinessFacts | None, today: date) -> date | None:
    """The last day the premises' training meets the rule, kept beside readiness and worked
    out at the same writes (None: no end in sight, or not a member). When it had already
    lapsed before today, the day it was first known to have lapsed is kept."""
    if facts is None:
        return None
    if not trained_on(facts, today):
        return previous if previous is not None and previous < today else today - timedelta(days=1)
    stops = next((day for day in change_days(facts, today) if not trained_on(facts, day)), None)
    return stops - timedelta(days=1) if stops is not None else None


@dataclass(frozen=True)
class StaffFigures:
    """The premises' staff figures kept beside readiness, for the scheme's figures today: its
    active staff and those of them holding their training (as each member of staff's
    training_held/_until says), right from `on` up to the day before `until` (None: until a
    write changes them), so that the figures add these up instead of reading every member of
    staff. A day outside that span is counted from the staff rows themselves."""

    active: int
    trained: int
    on: date
    until: date | None


def staff_figures(people: Iterable[tuple[StaffFacts, bool, date | None]], today: date) -> StaffFigures:
    """From each member of staff with their training held and until when, on today."""
    active = trained = 0
    changes = []
    for person, held, held_until in people:
        if person.started_on is not None and person.started_on > today:
            changes.append(person.started_on)  # counted from the day they start
        if person.left_on is not None and person.left_on > today:
            changes.append(person.left_on)  # and no longer from the day they leave
        if held and held_until is not None and held_until >= today:
            changes.append(held_until + timedelta(days=1))
        if (person.started_on is None or person.started_on <= today) and (person.left_on is None
                                                                           or person.left_on > today):
            active += 1
            trained += 1 if held and (held_until is None or held_until >= today) else 0
    return StaffFigures(active, trained, today, min(changes, default=None))


def next_stored(previous: Stored, facts: ReadinessFacts | None, today: date, grace_days: int) -> Stored:
    """What to keep after a write on `today`; facts is None for a premises that is not a
    member (nothing of it is public). `previous` is what was kept before the write: when the
    premises was already known to be at risk today, its grace keeps running from that day."""
    if facts is None:
        return NEVER
    stops = first_day_not_ready(facts, today)
    if stops is None:
        return NEVER
    if stops > today:
        at_risk_from = stops
    elif previous.at_risk_on(today):
        at_risk_from = previous.ready_until + timedelta(days=1)
    else:
        at_risk_from = today  # learned today, whenever it really started
    suspended_from = at_risk_from + timedelta(days=grace_days)
    if facts.failed_test_visit_on is not None:
        # At once: from the visit, or from when the episode it falls in began (the day the
        # service learned of it, at the latest), never from the day of a later write, so that
        # working the same facts out again on a later day keeps the same day.
        suspended_from = min(suspended_from, max(facts.failed_test_visit_on, at_risk_from))
    return Stored(at_risk_from - timedelta(days=1), suspended_from)


def days_left(stored: Stored, today: date) -> int | None:
    """Whole days from today until the public sees the suspension (0: it does today)."""
    if stored.suspended_from is None:
        return None
    return max((stored.suspended_from - today).days, 0)
