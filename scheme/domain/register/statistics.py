"""The scheme's figures: premises by state, staff trained, test-visit pass rate and scans,
by area and premises type, on a day and month by month.

The API's statistics are `snapshot(today)`, and the officers' figures page shows the same
snapshot above its months, so the two can never disagree. Today's figures are worked out
live, in the database, from what every other page reads (the premises' derived status and
the training kept on each member of staff).

A closed month's figures are kept (models.KeptMonth, KeptMonthFigures) the first time they
are wanted after the month is over: by `flask keep-figures` each night, or else by the page
itself. They are the figures as they stood when the month closed (strictly: when they were
kept, normally the next day): a record entered later with an earlier date (a back-dated
training record or test visit, a premises that joined since) does not change a kept month,
where working it out again would. Until kept, a month is worked out from the records of
the day it is asked on, exactly as it is then kept. Premises states on a past day are
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
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import OperationalError

from scheme.domain import areas
from scheme.domain.certificates.state import current_certificate_by_premises
from scheme.domain.dates import add_months
from scheme.domain.premises.readiness_rule import pending_checks_on
from scheme.domain.premises.search import pending_checks_listed
from scheme.domain.premises.status import PremisesStatus, status_clause
from scheme.domain.register.status import PublicStatus
from scheme.domain.training.compliance import (
    kept_staff_figures_by_premises,
    kept_staff_figures_grouped,
    staff_figures_by_premises,
)
from scheme.domain.transaction import service
from scheme.enums import ApplicationStatus, AssessmentKind, CertificateStatus, Outcome, PremisesType
from scheme.extensions import db
from scheme.models import Area, Assessment, Certificate, KeptMonth, KeptMonthFigures, Premises, ScanCount

TEST_VISIT_PERIOD_MONTHS = 12  # the snapshot's pass rate counts test visits in the year to the day
MONTHS_SHOWN = 12  # the figures page and its CSV: this month and the 11 before it


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


@dataclass
class _Tally:
    """The figures of the premises of one area and type (a cell): every scope's figures are a
    sum of cells, so one reading serves any area, type or both."""

    by_state: Counter = field(default_factory=Counter)
    staff_trained: int = 0
    staff_active: int = 0
    test_visits: int = 0
    test_visits_passed: int = 0
    scans: int = 0


_Cell = tuple[int | None, PremisesType]  # (area id, premises type)
_Cells = dict[_Cell, _Tally]


@dataclass(frozen=True)
class _Premises:
    id: int
    status: ApplicationStatus
    premises_type: PremisesType
    area_id: int | None
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
    """What a past day's figures read, loaded once for every day they are asked for (the months
    not kept yet): the premises and their certificates, and (memoised per day or period) each
    premises' staff figures, test visits and scans, so that many months cost no more statements
    than one and no statement carries a list of thousands of premises."""

    def __init__(self, today: date) -> None:
        self.today = today
        self.premises = [
            _Premises(row.id, ApplicationStatus(row.status), PremisesType(row.premises_type), row.area_id,
                      _day(row.created_at), _day(row.suspended_from))
            for row in db.session.execute(sa.select(Premises.id, Premises.status, Premises.premises_type,
                                                    Premises.area_id, Premises.created_at, Premises.suspended_from))
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
        self._staff: dict[date, dict[int, tuple[int, int]]] = {}
        self._tests: dict[tuple[date, date], dict[int, tuple[int, int]]] = {}
        self._scans: dict[tuple[date, date], dict[int, int]] = {}

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
            self._tests[(since, until)] = {
                premises_id: (int(visits), int(passed or 0)) for premises_id, visits, passed in db.session.execute(
                    _test_visit_totals(Assessment.premises_id, since=since, until=until))
            }
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

    def cells(self, on: date, since: date) -> _Cells:
        """The figures of each area and type on the day, with the test visits and scans of since..on."""
        states, staff = self.states_on(on), self.staff_on(on)
        tests, scans = self.tests_between(since, on), self.scans_between(since, on)
        cells: _Cells = {}
        for p in self.premises:
            if states[p.id] is None:
                continue
            tally = cells.setdefault((p.area_id, p.premises_type), _Tally())
            tally.by_state[states[p.id]] += 1
            if p.status == ApplicationStatus.MEMBER:
                trained, active = staff.get(p.id, (0, 0))
                tally.staff_trained += trained
                tally.staff_active += active
            visits, passed = tests.get(p.id, (0, 0))
            tally.test_visits += visits
            tally.test_visits_passed += passed
            tally.scans += scans.get(p.id, 0)
        return cells


def _test_visit_totals(*keys, since: date, until: date) -> sa.Select:
    """(keys..., test visits, passed) with an outcome, on days since..until, grouped by keys."""
    return (sa.select(*keys, sa.func.count(), sa.func.sum(sa.case((Assessment.outcome == Outcome.PASS, 1), else_=0)))
            .select_from(Assessment)
            .where(Assessment.kind == AssessmentKind.TEST_VISIT, Assessment.outcome.is_not(None),
                   Assessment.visit_date >= since, Assessment.visit_date <= until)
            .group_by(*keys))


class _Today:
    """Today's figures of each area and type, worked out in the database: the premises' states
    by the status clause every other page uses (suspended pending checks counted apart as the
    premises list counts them), and the staff figures from what readiness keeps on each premises
    (compliance.kept_staff_figures_grouped). A few grouped statements, whatever the size of the
    scheme, reading covering indexes rather than rows."""

    def __init__(self, today: date) -> None:
        self.today = today
        current = sa.orm.aliased(Certificate, name="current_certificate")
        current_ids = current_certificate_by_premises()
        status = status_clause(Premises.status, current.status, current.expires_on, today)
        pending = sa.case((pending_checks_listed(status, today), True), else_=False)
        self.base: _Cells = {}
        for area_id, premises_type, value, is_pending, count in db.session.execute(
            sa.select(Premises.area_id, Premises.premises_type, status, pending, sa.func.count())
            .select_from(Premises).outerjoin(current_ids, current_ids.c.premises_id == Premises.id)
            .outerjoin(current, current.id == current_ids.c.id)
            .group_by(Premises.area_id, Premises.premises_type, status, pending)
        ):
            state = State.SUSPENDED_PENDING_CHECKS if is_pending else State(value)
            self._tally(self.base, area_id, premises_type).by_state[state] += count
        staff = kept_staff_figures_grouped(today, Premises.area_id, Premises.premises_type)
        for (area_id, premises_type), (trained, active) in staff.items():
            tally = self._tally(self.base, area_id, premises_type)
            tally.staff_trained, tally.staff_active = trained, active

    @staticmethod
    def _tally(cells: _Cells, area_id, premises_type) -> _Tally:
        return cells.setdefault((area_id, PremisesType(premises_type)), _Tally())

    def cells(self, since: date) -> _Cells:
        """Today's cells, with the test visits and scans of since..today."""
        cells = {key: _Tally(Counter(t.by_state), t.staff_trained, t.staff_active) for key, t in self.base.items()}
        keys = (Premises.area_id, Premises.premises_type)
        for area_id, premises_type, visits, passed in db.session.execute(
            _test_visit_totals(*keys, since=since, until=self.today).join(Premises, Premises.id == Assessment.premises_id)
        ):
            tally = self._tally(cells, area_id, premises_type)
            tally.test_visits, tally.test_visits_passed = int(visits), int(passed or 0)
        # Summed by certificate first, from the index of scans by day alone, so that each
        # certificate (not each day's row) is looked up once.
        by_certificate = (
            sa.select(ScanCount.certificate_id, sa.func.sum(ScanCount.count).label("total"))
            .where(ScanCount.day >= since, ScanCount.day <= self.today).group_by(ScanCount.certificate_id)
            .subquery("scans")
        )
        for area_id, premises_type, total in db.session.execute(
            sa.select(*keys, sa.func.sum(by_certificate.c.total))
            .select_from(by_certificate).join(Certificate, Certificate.id == by_certificate.c.certificate_id)
            .join(Premises, Premises.id == Certificate.premises_id).group_by(*keys)
        ):
            self._tally(cells, area_id, premises_type).scans = int(total)
        return cells


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


class _Names(dict):
    """Each area's name by id (None: no area), and its name folded, for matching a scope."""

    def __init__(self) -> None:
        super().__init__({None: "", **dict(db.session.execute(sa.select(Area.id, Area.name)).all())})
        self.keys_of = {area_id: areas.name_key(name) if name else None for area_id, name in self.items()}


def _area_names() -> _Names:
    return _Names()


def _figures(cells: _Cells, names: _Names, scope: Scope, on: date, since: date) -> Figures:
    """The figures of the scope: the sum of its cells (areas matched by name, folded, as the
    officers' filters match them)."""
    area = areas.name_key(scope.area) if scope.area else None
    chosen = [(names.get(area_id, ""), premises_type, tally) for (area_id, premises_type), tally in cells.items()
              if (area is None or names.keys_of.get(area_id) == area)
              and (scope.premises_type is None or premises_type == scope.premises_type)]
    by_state: Counter = Counter()
    by_type: Counter = Counter()
    by_area: Counter = Counter()
    for name, premises_type, tally in chosen:
        by_state.update(tally.by_state)
        if tally.by_state[State.ACCREDITED]:
            by_type[premises_type] += tally.by_state[State.ACCREDITED]
            by_area[name] += tally.by_state[State.ACCREDITED]
    return Figures(
        on=on,
        by_state={state: by_state.get(state, 0) for state in State},
        accredited_by_type=dict(sorted(by_type.items())),
        accredited_by_area=dict(sorted(by_area.items())),
        staff_trained=sum(t.staff_trained for *_, t in chosen), staff_active=sum(t.staff_active for *_, t in chosen),
        test_visits=sum(t.test_visits for *_, t in chosen),
        test_visits_passed=sum(t.test_visits_passed for *_, t in chosen),
        scans=sum(t.scans for *_, t in chosen), since=since,
    )


def _year_to(today: date) -> date:
    return add_months(today, -TEST_VISIT_PERIOD_MONTHS) + timedelta(days=1)


def _month_spans(today: date, months: int) -> list[tuple[date, date]]:
    """(first day, last day) of each of the last `months` months, this one (up to today) first."""
    first = today.replace(day=1)
    spans = []
    for back in range(months):
        start = add_months(first, -back)
        spans.append((start, min(add_months(start, 1) - timedelta(days=1), today)))
    return spans


# ---- kept months ------------------------------------------------------------------------

def _closed(today: date, months: int) -> list[tuple[date, date]]:
    return [(start, end) for start, end in _month_spans(today, months) if end < today]


def _read_kept(starts: list[date]) -> dict[date, _Cells]:
    """The kept months among these, with their cells: two statements, whatever their number."""
    kept: dict[date, _Cells] = {start: {} for start in db.session.scalars(
        sa.select(KeptMonth.month).where(KeptMonth.month.in_(starts)))}
    if kept:
        f = KeptMonthFigures.__table__.c
        states = list(State)
        counts = [f[state.value] for state in states]
        for month, area_id, premises_type, *numbers in db.session.execute(
            sa.select(f.month, f.area_id, f.premises_type, *counts, f.staff_trained, f.staff_active, f.test_visits,
                      f.test_visits_passed, f.scans).where(f.month.in_(list(kept))).order_by(f.id)
        ):
            by_state, (trained, active, visits, passed, scans) = numbers[:len(states)], numbers[len(states):]
            tally = _Tally(Counter(dict(zip(states, by_state))), trained, active, visits, passed, scans)
            cells = kept[month]
            key = (area_id, PremisesType(premises_type))
            # An area deleted since leaves its cells without an area: they add up.
            cells[key] = _added(cells[key], tally) if key in cells else tally
    return kept


def _added(one: _Tally, other: _Tally) -> _Tally:
    return _Tally(one.by_state + other.by_state, one.staff_trained + other.staff_trained,
                  one.staff_active + other.staff_active, one.test_visits + other.test_visits,
                  one.test_visits_passed + other.test_visits_passed, one.scans + other.scans)


@service
def _keep(worked_out: dict[date, _Cells], today: date) -> None:
    """Keep each month's cells, unless another run kept that month first: the month's key is
    taken by an insert that does nothing when it is there (a concurrent writer waits for the
    first to commit, then finds it), and only the run that took it writes the cells."""
    dialect = postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite
    table = KeptMonth.__table__
    for month, cells in sorted(worked_out.items()):
        taken = db.session.execute(
            dialect.insert(table).values(month=month, kept_on=today)
            .on_conflict_do_nothing(index_elements=[table.c.month]).returning(table.c.month)
        ).first()
        if taken is None or not cells:
            continue
        db.session.execute(sa.insert(KeptMonthFigures), [
            {"month": month, "area_id": area_id, "premises_type": premises_type,
             **{state.value: tally.by_state.get(state, 0) for state in State},
             "staff_trained": tally.staff_trained, "staff_active": tally.staff_active,
             "test_visits": tally.test_visits, "test_visits_passed": tally.test_visits_passed, "scans": tally.scans}
            for (area_id, premises_type), tally in cells.items()
        ])


def _closed_months(today: date, months: int) -> dict[date, _Cells]:
    """Each closed month among the last `months`, from what is kept; one not kept yet is worked
    out from the records now and kept, so the figures are never missing a month."""
    closed = _closed(today, months)
    kept = _read_kept([start for start, _ in closed])
    missing = [(start, end) for start, end in closed if start not in kept]
    if missing:
        facts = _Facts(today)
        worked_out = {start: facts.cells(end, start) for start, end in missing}
        try:
            _keep(worked_out, today)
        except OperationalError:
            # SQLite's one writer refused (another process wrote since this one began reading):
            # the figures worked out stand for this time, and the next run or view keeps them.
            pass
        kept.update(worked_out)
    return kept


def keep_closed_months(today: date, months: int = MONTHS_SHOWN) -> int:
    """Keep the figures of every closed month among the last `months` not kept yet (the nightly
    command; safe to run again, and twice at once). Returns how many were missing.

    Without the pages' time limit on each statement (PostgreSQL): working a past month out
    reads every training record, and nobody is waiting for it."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(sa.text("SET LOCAL statement_timeout = 0"))
    closed = _closed(today, months)
    missing = len(closed) - len(_read_kept([start for start, _ in closed]))
    _closed_months(today, months)
    return missing


# ---- what the pages and the API ask for ---------------------------------------------------

def _months(today: date, months: int, scopes: list[Scope], live: _Today | None = None,
            names: _Names | None = None) -> list[list[Figures]]:
    live = live or _Today(today)
    kept = _closed_months(today, months)
    names = names or _area_names()
    spans = _month_spans(today, months)
    this_month = live.cells(spans[0][0])
    return [[_figures(kept.get(start, this_month) if end < today else this_month, names, scope, end, start)
             for start, end in spans] for scope in scopes]


def snapshot(today: date, scope: Scope = Scope()) -> Figures:
    """The figures today; test visits and scans over the year to today."""
    return _figures(_Today(today).cells(_year_to(today)), _area_names(), scope, today, _year_to(today))


def month_by_month(today: date, months: int = MONTHS_SHOWN, scope: Scope = Scope()) -> list[Figures]:
    """The figures at the end of each of the last `months` calendar months (this one up to
    today, live; the closed ones as kept), with the test visits and scans of that month; the
    latest month first."""
    return _months(today, months, [scope])[0]


def figures_page(today: date, months: int, scope: Scope) -> tuple[Figures, list[Figures]]:
    """snapshot and month_by_month together, from one reading of today."""
    live, names = _Today(today), _area_names()
    now = _figures(live.cells(_year_to(today)), names, scope, today, _year_to(today))
    return now, _months(today, months, [scope], live, names)[0]


def month_by_month_for(scopes: Iterable[Scope], today: date, months: int = MONTHS_SHOWN) -> list[tuple[Scope, list[Figures]]]:
    """month_by_month for each scope, from one reading (the figures' CSV)."""
    scopes = list(scopes)
    return list(zip(scopes, _months(today, months, scopes)))


def month_by_month_worked_out(today: date, months: int = MONTHS_SHOWN, scope: Scope = Scope()) -> list[Figures]:
    """month_by_month worked out afresh from the records for every month, kept or not (what
    keeping a month must not change: the tests compare the two)."""
    facts, names = _Facts(today), _area_names()
    return [_figures(facts.cells(end, start), names, scope, end, start) for start, end in _month_spans(today, months)]
