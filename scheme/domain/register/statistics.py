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
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import sqlalchemy as sa

from scheme.domain import areas
from scheme.domain.dates import add_months
from scheme.domain.premises.readiness_rule import pending_checks_on
from scheme.domain.premises.status import PremisesStatus
from scheme.domain.register.status import PublicStatus
from scheme.domain.training import compliance_by_premises
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


@dataclass
class _Facts:
    premises: list[_Premises]
    certificates: dict[int, list[_Certificate]] = field(default_factory=dict)


def _day(value) -> date | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.date() if isinstance(value, datetime) else value


def _facts(scope: Scope) -> _Facts:
    query = sa.select(Premises.id, Premises.status, Premises.premises_type, Premises.area, Premises.created_at,
                      Premises.suspended_from)
    if scope.area:
        query = query.where(areas.named(Premises.area_id, scope.area))
    if scope.premises_type is not None:
        query = query.where(Premises.premises_type == scope.premises_type)
    premises = [_Premises(row.id, ApplicationStatus(row.status), PremisesType(row.premises_type), row.area or "",
                          _day(row.created_at), _day(row.suspended_from)) for row in db.session.execute(query)]
    facts = _Facts(premises)
    ids = query.with_only_columns(Premises.id)
    for row in db.session.execute(
        sa.select(Certificate.id, Certificate.premises_id, Certificate.status, Certificate.issued_on,
                  Certificate.expires_on, Certificate.status_changed_at)
        .where(Certificate.premises_id.in_(ids)).order_by(Certificate.id)
    ):
        facts.certificates.setdefault(row.premises_id, []).append(_Certificate(
            row.id, row.premises_id, CertificateStatus(row.status), row.issued_on, row.expires_on,
            _day(row.status_changed_at)))
    return facts


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


def _test_visits(ids: Iterable[int], since: date, until: date) -> tuple[int, int]:
    ids = list(ids)
    if not ids:
        return 0, 0
    rows = db.session.execute(
        sa.select(Assessment.outcome, sa.func.count())
        .where(Assessment.kind == AssessmentKind.TEST_VISIT, Assessment.outcome.is_not(None),
               Assessment.premises_id.in_(ids), Assessment.visit_date >= since, Assessment.visit_date <= until)
        .group_by(Assessment.outcome)
    )
    counts = {Outcome(outcome): count for outcome, count in rows}
    return sum(counts.values()), counts.get(Outcome.PASS, 0)


def _scans(ids: Iterable[int], since: date, until: date) -> int:
    ids = list(ids)
    if not ids:
        return 0
    total = db.session.scalar(
        sa.select(sa.func.coalesce(sa.func.sum(ScanCount.count), 0))
        .join(Certificate, Certificate.id == ScanCount.certificate_id)
        .where(Certificate.premises_id.in_(ids), ScanCount.day >= since, ScanCount.day <= until)
    )
    return int(total)


def _figures(facts: _Facts, on: date, since: date) -> Figures:
    states = {p.id: _state_on(p, facts.certificates.get(p.id, []), on) for p in facts.premises}
    existing = [p for p in facts.premises if states[p.id] is not None]
    by_state = Counter(states[p.id] for p in existing)
    accredited = [p for p in existing if states[p.id] == State.ACCREDITED]
    members = [p.id for p in existing if p.status == ApplicationStatus.MEMBER]
    compliance = compliance_by_premises(members, on) if members else {}
    tests, passed = _test_visits((p.id for p in existing), since, on)
    return Figures(
        on=on,
        by_state={state: by_state.get(state, 0) for state in State},
        accredited_by_type=dict(sorted(Counter(p.premises_type for p in accredited).items())),
        accredited_by_area=dict(sorted(Counter(p.area for p in accredited).items())),
        staff_trained=sum(result.active_trained for result in compliance.values()),
        staff_active=sum(result.active_staff for result in compliance.values()),
        test_visits=tests, test_visits_passed=passed,
        scans=_scans((p.id for p in existing), since, on), since=since,
    )


def snapshot(today: date, scope: Scope = Scope()) -> Figures:
    """The figures today; test visits and scans over the year to today."""
    return _figures(_facts(scope), today, add_months(today, -TEST_VISIT_PERIOD_MONTHS) + timedelta(days=1))


def month_by_month(today: date, months: int = 12, scope: Scope = Scope()) -> list[Figures]:
    """The figures at the end of each of the last `months` calendar months (this one up to
    today), with the test visits and scans of that month; the latest month first."""
    facts = _facts(scope)
    first = today.replace(day=1)
    result = []
    for back in range(months):
        start = add_months(first, -back)
        end = min(add_months(start, 1) - timedelta(days=1), today)
        result.append(_figures(facts, end, start))
    return result
