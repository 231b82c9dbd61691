"""The training-compliance rule, on plain data: no database, every date passed in.

A premises is compliant on a date when
- it has an active safeguarding lead, and every active lead holds valid training in every
  active module; and
- at least the required share of its counted staff hold valid training in every active module
  required for their job role. Counted staff are the active staff (started on or before the
  date, not yet left) except new starters still in their grace period who are not yet fully
  trained: a new starter never counts against the premises, but does count once trained.

A record is valid on a date when it was completed on or before that date and does not expire
before it (the expiry date itself is the last valid day). A leaving date is the first day the
person no longer works there.

A record counts only once it is verified (awaiting_approval): a "scheme training session" only
from a session register an officer closed, an equivalent course only once an officer approved
it, and a course a business recorded for a module that says so only once an officer approved it.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Protocol

from scheme.domain.dates import in_words
from scheme.enums import TrainingEvidence


class HoldingState(enum.StrEnum):
    VALID = "valid"
    EXPIRING_SOON = "expiring_soon"
    EXPIRED = "expired"
    AWAITING_APPROVAL = "awaiting_approval"
    MISSING = "missing"

    @property
    def label(self) -> str:
        return {
            HoldingState.VALID: "Valid",
            HoldingState.EXPIRING_SOON: "Expiring soon",
            HoldingState.EXPIRED: "Expired",
            HoldingState.AWAITING_APPROVAL: "Awaiting approval",
            HoldingState.MISSING: "Missing",
        }[self]


EXPIRING_SOON_DAYS = 30


def awaiting_approval(evidence: str, *, from_register: bool, needs_approval: bool, approved: bool) -> bool:
    """Whether a record is shown but does not count until an officer approves it. Its SQL twin
    is training.records.awaiting_approval_clause."""
    if approved:
        return False
    if evidence == TrainingEvidence.SCHEME_SESSION:
        return not from_register
    return evidence == TrainingEvidence.EQUIVALENT_APPROVED or needs_approval


def why_awaiting_approval(evidence: str) -> str:
    """Why a record waits for an officer, in words for the business."""
    if evidence == TrainingEvidence.SCHEME_SESSION:
        return ("it says a scheme training session, but no session's register records it: "
                "an officer checks it before it counts")
    if evidence == TrainingEvidence.EQUIVALENT_APPROVED:
        return "an equivalent course from elsewhere counts once an officer has checked it"
    return "for this module, a course a business records counts once an officer has checked it"


@dataclass(frozen=True)
class StaffFacts:
    id: int
    name: str
    job_role: str
    is_lead: bool = False
    started_on: date | None = None
    left_on: date | None = None


@dataclass(frozen=True)
class ModuleFacts:
    id: int
    title: str
    required_roles: frozenset[str] = frozenset()
    active: bool = True


@dataclass(frozen=True)
class RecordFacts:
    staff_id: int
    module_id: int
    completed_on: date
    expires_on: date | None = None
    # An equivalent course an officer has not yet approved: shown, but it does not count.
    pending: bool = False

    def valid_on(self, on: date) -> bool:
        return not self.pending and self.completed_on <= on and (self.expires_on is None or on <= self.expires_on)


@dataclass(frozen=True)
class Holding:
    """One person's standing in one module they must hold."""

    module_id: int
    module_title: str
    state: HoldingState
    valid_until: date | None = None  # for a valid holding; None with VALID means it never expires
    expired_on: date | None = None  # for an expired holding: the last day it was valid

    @property
    def valid(self) -> bool:
        return self.state in (HoldingState.VALID, HoldingState.EXPIRING_SOON)


@dataclass(frozen=True)
class PersonStatus:
    staff_id: int
    name: str
    job_role: str
    is_lead: bool
    holdings: tuple[Holding, ...]
    grace_until: date | None = None  # set while the person is in their grace period

    @property
    def fully_trained(self) -> bool:
        return all(holding.valid for holding in self.holdings)

    @property
    def in_grace(self) -> bool:
        return self.grace_until is not None


@dataclass(frozen=True)
class Missing:
    """Someone who lacks valid training in a module they must hold, in words for a page."""

    staff_id: int
    staff_name: str
    module_id: int
    module_title: str
    state: HoldingState
    is_lead: bool = False
    expired_on: date | None = None
    grace_until: date | None = None

    @property
    def text(self) -> str:
        who = f"{self.staff_name} (safeguarding lead)" if self.is_lead else self.staff_name
        if self.state is HoldingState.EXPIRED and self.expired_on is not None:
            what = f"{who}: {self.module_title} expired on {in_words(self.expired_on)}"
        elif self.state is HoldingState.AWAITING_APPROVAL:
            what = f"{who}: {self.module_title} is awaiting an officer's approval"
        else:
            what = f"{who}: has not done {self.module_title}"
        if self.grace_until is not None:
            what += f" (new starter: needed by {in_words(self.grace_until)})"
        return what

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Lapsing:
    staff_id: int
    staff_name: str
    module_id: int
    module_title: str
    expires_on: date

    @property
    def text(self) -> str:
        return f"{self.staff_name}: {self.module_title} expires on {in_words(self.expires_on)}"

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Compliance:
    on: date
    compliant: bool
    lead_ok: bool
    has_lead: bool
    required_share: int
    counted_staff: int  # the denominator of the share
    trained_staff: int  # the numerator
    active_staff: int  # everyone active, new starters included
    active_trained: int  # of them, how many hold all their required training
    missing: list[Missing] = field(default_factory=list)
    people: tuple[PersonStatus, ...] = ()

    @property
    def share_ok(self) -> bool:
        return self.trained_staff * 100 >= self.required_share * self.counted_staff

    @property
    def trained_percent(self) -> int:
        if self.counted_staff == 0:
            return 100
        return self.trained_staff * 100 // self.counted_staff

    def lapsing(self, days: int) -> list[Lapsing]:
        """Valid training that expires within the next `days` days (after today, by then)."""
        until = self.on + timedelta(days=days)
        found = [
            Lapsing(person.staff_id, person.name, holding.module_id, holding.module_title, holding.valid_until)
            for person in self.people
            for holding in person.holdings
            if holding.valid and holding.valid_until is not None and holding.valid_until < until
        ]
        return sorted(found, key=lambda item: (item.expires_on, item.staff_name, item.module_title))

    @property
    def reasons(self) -> list[str]:
        """Why the premises is not compliant, in plain words; empty when it is."""
        reasons = []
        if not self.has_lead:
            reasons.append("There is no safeguarding lead among the current staff")
        elif not self.lead_ok:
            reasons.append("The safeguarding lead does not hold valid training in every module")
        if not self.share_ok:
            reasons.append(
                f"{self.trained_staff} of {self.counted_staff} staff hold valid training; "
                f"the scheme requires {self.required_share}%"
            )
        return reasons


class Employed(Protocol):
    started_on: date | None
    left_on: date | None


# The one rule for "on the staff on a day", for a StaffFacts or a StaffMember alike; its SQL
# twin is training.staff.active_clause. A person counts from their start date (no start date:
# from always) and stops on their leaving date, the first day they no longer work there. So
# the premises' training page lists a future starter and a leaver apart from the staff.
def is_active(person: Employed, on: date) -> bool:
    started = person.started_on is None or person.started_on <= on
    still_there = person.left_on is None or on < person.left_on
    return started and still_there


def grace_until(person: StaffFacts, on: date, grace_weeks: int) -> date | None:
    """The first day a new starter counts regardless, when that is still to come."""
    if person.started_on is None or grace_weeks <= 0:
        return None
    ends = person.started_on + timedelta(weeks=grace_weeks)
    return ends if on < ends else None


def required_modules(person: StaffFacts, modules: Iterable[ModuleFacts]) -> list[ModuleFacts]:
    # The lead takes every active module; everyone else those required for their job role.
    return [
        module for module in modules
        if module.active and (person.is_lead or person.job_role in module.required_roles)
    ]


def holding_for(module: ModuleFacts, records: Iterable[RecordFacts], on: date) -> Holding:
    best: RecordFacts | None = None
    last_expired: date | None = None
    pending = False
    for record in records:
        if record.valid_on(on):
            # The record that stays valid longest wins (None: never expires).
            if best is None or best.expires_on is not None and (
                record.expires_on is None or record.expires_on > best.expires_on
            ):
                best = record
        elif record.pending:
            pending = True
        elif record.expires_on is not None and record.expires_on < on:
            last_expired = max(last_expired or record.expires_on, record.expires_on)
    if best is not None:
        soon = best.expires_on is not None and best.expires_on < on + timedelta(days=EXPIRING_SOON_DAYS)
        state = HoldingState.EXPIRING_SOON if soon else HoldingState.VALID
        return Holding(module.id, module.title, state, valid_until=best.expires_on)
    if pending:
        return Holding(module.id, module.title, HoldingState.AWAITING_APPROVAL)
    if last_expired is not None:
        return Holding(module.id, module.title, HoldingState.EXPIRED, expired_on=last_expired)
    return Holding(module.id, module.title, HoldingState.MISSING)


def held_until(person: StaffFacts, modules: Iterable[ModuleFacts], records: Iterable[RecordFacts],
               on: date) -> tuple[bool, date | None]:
    """Whether the person holds valid training in every module their role requires on the
    date (records: theirs), and the last day that lasts (None: nothing of it expires)."""
    mine: dict[int, list[RecordFacts]] = {}
    for record in records:
        if record.staff_id == person.id:
            mine.setdefault(record.module_id, []).append(record)
    ends = []
    for module in required_modules(person, modules):
        holding = holding_for(module, mine.get(module.id, ()), on)
        if not holding.valid:
            return False, None
        if holding.valid_until is not None:
            ends.append(holding.valid_until)
    return True, min(ends, default=None)


def evaluate(
    staff: Iterable[StaffFacts],
    modules: Iterable[ModuleFacts],
    records: Iterable[RecordFacts],
    *,
    required_share: int,
    grace_weeks: int,
    on: date,
) -> Compliance:
    modules = [module for module in modules if module.active]
    by_person_module: dict[tuple[int, int], list[RecordFacts]] = {}
    for record in records:
        by_person_module.setdefault((record.staff_id, record.module_id), []).append(record)

    people = []
    missing = []
    counted = trained = active_count = active_trained = 0
    leads = []
    for person in sorted(staff, key=lambda p: (not p.is_lead, p.name.casefold(), p.id)):
        if not is_active(person, on):
            continue
        grace = grace_until(person, on, grace_weeks)
        holdings = tuple(
            holding_for(module, by_person_module.get((person.id, module.id), ()), on)
            for module in required_modules(person, modules)
        )
        status = PersonStatus(person.id, person.name, person.job_role, person.is_lead, holdings, grace)
        people.append(status)
        active_count += 1
        if status.fully_trained:
            active_trained += 1
            counted += 1
            trained += 1
        elif grace is None:
            counted += 1
        if person.is_lead:
            leads.append(status)
        for holding in holdings:
            if not holding.valid:
                missing.append(Missing(person.id, person.name, holding.module_id, holding.module_title,
                                       holding.state, person.is_lead, holding.expired_on, grace))

    lead_ok = bool(leads) and all(lead.fully_trained for lead in leads)
    share_ok = trained * 100 >= required_share * counted
    return Compliance(
        on=on,
        compliant=lead_ok and share_ok,
        lead_ok=lead_ok,
        has_lead=bool(leads),
        required_share=required_share,
        counted_staff=counted,
        trained_staff=trained,
        active_staff=active_count,
        active_trained=active_trained,
        missing=missing,
        people=tuple(people),
    )


