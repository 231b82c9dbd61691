"""The scheme's figures: premises by state, staff trained, test-visit pass rate and scans,
by area and premises type, on a day and month by month.

The API's statistics are `snapshot(today)`, and the officers' figures page shows the same
snapshot above its months, so the two can never disagree. Premises states on a past day are
read from each certificate's dates and its last change: a certificate suspended and later
reinstated counts as valid throughout (its history keeps no more than that). Likewise a
premises counts as suspended pending checks from the day it keeps (`suspended_from`) on: one
put right since is not known to have been suspended before. On today they are exactly the
states every other page shows, and an accredited premises is one the register lists.
"""

import enum
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa

from scheme.domain import areas
from scheme.domain.dates import add_months
from scheme.domain.premises.readiness_rule import pending_checks_on
from scheme.domain.premises.status import PremisesStatus
from scheme.domain.register.status import PublicStatus
from scheme.domain.training.compliance import kept_staff_figures_by_premises, staff_figures_by_premises
from scheme.enums import ApplicationStatus, AssessmentKind, CertificateStatus, Outcome, PremisesType
from scheme.extensions import db
from scheme.models import Assessment, Certificate, Premises, ScanCount

TEST_VISIT_PERIOD_MONTHS = 12  # the snapshot's pass rate counts test visits in the year to the day


class State(enum.StrEnum):
    """A premises' state in the figures: its status (premises.status.PremisesStatus), with the
    accredited premises the public sees suspended pending checks counted apart, as the open
    register and `/v/<code>` show them."""

    DRAFT = PremisesStatus.DRAFT.value
    SUBMITTED = PremisesStatus.SUBMITTED.value
    CHANGES_REQUESTED = PremisesStatus.CHANGES_REQUESTED.value
    REJECTED = PremisesStatus.REJECTED.value
    MEMBER = PremisesStatus.MEMBER.value
    ACCREDITED = PremisesStatus.ACCREDITED.value
    SUSPENDED_PENDING_CHECKS = "suspended_pending_checks"
    SUSPENDED = PremisesStatus.SUSPENDED.value
    LAPSED = PremisesStatus.LAPSED.value
    REVOKED = PremisesStatus.REVOKED.value


# The states of a member premises that holds a certificate, which the API's statistics count,
# by the status code the API gives them everywhere else (a lapsed premises' certificate "expired").
PUBLIC_STATES = {
    State.ACCREDITED: PublicStatus.ACCREDITED,
    State.SUSPENDED_PENDING_CHECKS: PublicStatus.SUSPENDED_PENDING_CHECKS,
    State.SUSPENDED: PublicStatus.SUSPENDED,
    State.LAPSED: PublicStatus.EXPIRED,
    State.REVOKED: PublicStatus.REVOKED,
}


@dataclass(frozen=True)
class Scope:
    """Which premises the figures are about (empty: all of them)."""

    area: str = ""
    premises_type: PremisesType | None = None


@dataclass
class Figures:
    on: date
    by_state: dict[State, int]
    accredited_by_type: dict[PremisesType, int]
    accredited_by_area: dict[str, int]
    staff_trained: int
    staff_active: int
    test_visits: int
    test_visits_passed: int
    scans: int  # in the period the figures cover
    since: date  # the first day of that period

    @property
    def accredited(self) -> int:
        return self.by_state.get(State.ACCREDITED, 0)

    @property
    def test_visit_pass_rate(self) -> float | None:
        return round(self.test_visits_passed / self.test_visits, 3) if self.test_visits else None

    @property
    def staff_trained_share(self) -> float | None:
        return round(self.staff_trained / self.staff_active, 3) if self.staff_active else None


@dataclass(frozen=True)
class _Premises:
    id: int
    status: ApplicationStatus
    premises_type: PremisesType
    area: str
    created_on: date
    suspended_from: date | None = None  # readiness_rule.Stored


@dataclass(frozen=True)
class _Certificate:
    id: int
    premises_id: int
    status: CertificateStatus
    issued_on: date
    expires_on: date
    changed_on: date | None


class _Facts:
    """What the figures read, loaded once for every scope and day they are asked for: the
    premises and their certificates, and (memoised per day or period) each premises' staff
    figures, test visits and scans, so that many scopes and months cost no more statements
    than one and no statement carries a list of thousands of premises."""

    def __init__(self, today: date) -> None:
        self.today = today
        self.premises = [
            _Premises(row.id, ApplicationStatus(row.status), PremisesType(row.premises_type), row.area or "",
                      _day(row.created_at), _day(row.suspended_from))
            for row in db.session.execute(sa.select(Premises.id, Premises.status, Premises.premises_type,
                                                    Premises.area, Premises.created_at, Premises.suspended_from))
        ]
        self.certificates: dict[int, list[_Certificate]] = {}
        for row in db.session.execute(
            sa.select(Certificate.id, Certificate.premises_id, Certificate.status, Certificate.issued_on,
                      Certificate.expires_on, Certificate.status_changed_at).order_by(Certificate.id)
        ):
            self.certificates.setdefault(row.premises_id, []).append(_Certificate(
                row.id, row.premises_id, CertificateStatus(row.status), row.issued_on, row.expires_on,
                _day(row.status_changed_at)))
        self._states: dict[date, dict[int, State | None]] = {}
        self._scoped: dict[Scope, list[_Premises]] = {}
        self._staff: dict[date, dict[int, tuple[int, int]]] = {}
        self._tests: dict[tuple[date, date], dict[int, tuple[int, int]]] = {}
        self._scans: dict[tuple[date, date], dict[int, int]] = {}

    def in_scope(self, scope: Scope) -> list[_Premises]:
        if scope not in self._scoped:
            area = areas.name_key(scope.area) if scope.area else None
            self._scoped[scope] = [p for p in self.premises
                                   if (area is None or (p.area and areas.name_key(p.area) == area))
                                   and (scope.premises_type is None or p.premises_type == scope.premises_type)]
        return self._scoped[scope]

    def states_on(self, on: date) -> dict[int, "State | None"]:
        if on not in self._states:
            self._states[on] = {p.id: _state_on(p, self.certificates.get(p.id, []), on) for p in self.premises}
        return self._states[on]

    def staff_on(self, on: date) -> dict[int, tuple[int, int]]:
        if on not in self._staff:
            # Today: what readiness keeps on each member of staff, a pass over the staff table.
            # Earlier days: the rule's SQL twin over the training records of that day.
            self._staff[on] = kept_staff_figures_by_premises(on) if on >= self.today else staff_figures_by_premises(on)
        return self._staff[on]

    def tests_between(self, since: date, until: date) -> dict[int, tuple[int, int]]:
        if (since, until) not in self._tests:
            found: dict[int, tuple[int, int]] = {}
            for row in db.session.execute(
                sa.select(Assessment.premises_id, sa.func.count(),
                          sa.func.sum(sa.case((Assessment.outcome == Outcome.PASS, 1), else_=0)))
                .where(Assessment.kind == AssessmentKind.TEST_VISIT, Assessment.outcome.is_not(None),
                       Assessment.visit_date >= since, Assessment.visit_date <= until)
                .group_by(Assessment.premises_id)
            ):
                found[row[0]] = (int(row[1]), int(row[2] or 0))
            self._tests[(since, until)] = found
        return self._tests[(since, until)]

    def scans_between(self, since: date, until: date) -> dict[int, int]:
        if (since, until) not in self._scans:
            self._scans[(since, until)] = {
                premises_id: int(total) for premises_id, total in db.session.execute(
                    sa.select(Certificate.premises_id, sa.func.sum(ScanCount.count))
                    .join(Certificate, Certificate.id == ScanCount.certificate_id)
                    .where(ScanCount.day >= since, ScanCount.day <= until)
                    .group_by(Certificate.premises_id))
            }
        return self._scans[(since, until)]


def _day(value) -> date | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.date() if isinstance(value, datetime) else value


def _state_on(premises: _Premises, certificates: list[_Certificate], on: date) -> State | None:
    """The premises' state on the day (None: it did not exist yet)."""
    if premises.created_on > on:
        return None
    if premises.status != ApplicationStatus.MEMBER:
        return State(premises.status.value)
    issued = [c for c in certificates if c.issued_on <= on]
    # A change with no date recorded is taken as made on the day of issue.
    changed_by = {c.id: c.changed_on is None or c.changed_on <= on for c in issued}
    live = [c for c in issued if not (c.status == CertificateStatus.SUPERSEDED and changed_by[c.id])]
    if not live:
        return State.MEMBER
    current = max(live, key=lambda c: c.id)
    if current.status == CertificateStatus.REVOKED and changed_by[current.id]:
        return State.REVOKED
    if current.status == CertificateStatus.SUSPENDED and changed_by[current.id]:
        return State.SUSPENDED
    if on > current.expires_on:
        return State.LAPSED
    if pending_checks_on(premises.suspended_from, on):
        return State.SUSPENDED_PENDING_CHECKS
    return State.ACCREDITED


def _figures(facts: _Facts, scope: Scope, on: date, since: date) -> Figures:
    states = facts.states_on(on)
    existing = [p for p in facts.in_scope(scope) if states[p.id] is not None]
    by_state = Counter(states[p.id] for p in existing)
    accredited = [p for p in existing if states[p.id] == State.ACCREDITED]
    staff = facts.staff_on(on)
    members = [staff.get(p.id, (0, 0)) for p in existing if p.status == ApplicationStatus.MEMBER]
    tests = facts.tests_between(since, on)
    visits = [tests.get(p.id, (0, 0)) for p in existing]
    scans = facts.scans_between(since, on)
    return Figures(
        on=on,
        by_state={state: by_state.get(state, 0) for state in State},
        accredited_by_type=dict(sorted(Counter(p.premises_type for p in accredited).items())),
        accredited_by_area=dict(sorted(Counter(p.area for p in accredited).items())),
        staff_trained=sum(trained for trained, _ in members),
        staff_active=sum(active for _, active in members),
        test_visits=sum(n for n, _ in visits), test_visits_passed=sum(passed for _, passed in visits),
        scans=sum(scans.get(p.id, 0) for p in existing), since=since,
    )


def _year_to(today: date) -> date:
    return add_months(today, -TEST_VISIT_PERIOD_MONTHS) + timedelta(days=1)


def _months(facts: _Facts, today: date, months: int, scope: Scope) -> list[Figures]:
    first = today.replace(day=1)
    result = []
    for back in range(months):
        start = add_months(first, -back)
        end = min(add_months(start, 1) - timedelta(days=1), today)
        result.append(_figures(facts, scope, end, start))
    return result


def snapshot(today: date, scope: Scope = Scope()) -> Figures:
    """The figures today; test visits and scans over the year to today."""
    return _figures(_Facts(today), scope, today, _year_to(today))


def month_by_month(today: date, months: int = 12, scope: Scope = Scope()) -> list[Figures]:
    """The figures at the end of each of the last `months` calendar months (this one up to
    today), with the test visits and scans of that month; the latest month first."""
    return _months(_Facts(today), today, months, scope)


def figures_page(today: date, months: int, scope: Scope) -> tuple[Figures, list[Figures]]:
    """snapshot and month_by_month together, from one reading of the scheme."""
    facts = _Facts(today)
    return _figures(facts, scope, today, _year_to(today)), _months(facts, today, months, scope)


def month_by_month_for(scopes: Iterable[Scope], today: date, months: int = 12) -> list[tuple[Scope, list[Figures]]]:
    """month_by_month for each scope, from one reading of the scheme (the figures' CSV)."""
    facts = _Facts(today)
    return [(scope, _months(facts, today, months, scope)) for scope in scopes]
