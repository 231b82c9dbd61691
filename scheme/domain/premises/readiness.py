"""Readiness kept on the premises: worked out again, in the same transaction, whenever
something is written that can move it (staff, training records, closed sessions, actions,
visits, certificates, holds, settings, modules), so that the public page compares one date
with today. The rule itself, on plain values, is scheme.domain.premises.readiness_rule.

How every write is caught without each service having to remember: the session notes, at
each flush, which premises the changed rows belong to; just before the transaction commits,
those premises are locked, read again from what was saved and their readiness written. Two
transactions that change one premises at once therefore compute it one after the other,
each from what the other saved.
"""

from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from scheme.domain import audit_log, clock, settings
from scheme.domain.access import require_staff
from scheme.domain.certificates.state import valid_clause
from scheme.domain.dates import in_words
from scheme.domain.errors import DomainError, InvalidState
from scheme.domain.lookup import get_assessment, get_or_not_found
from scheme.domain.notifications import tell_business, tell_officers
from scheme.domain.premises.readiness_rule import (
    ActionFacts,
    Cause,
    Override,
    ReadinessFacts,
    Stored,
    causes_on,
    days_left,
    next_stored,
    next_trained_until,
    staff_figures,
)
from scheme.domain.training.compliance import training_facts
from scheme.domain.training.rule import held_until
from scheme.domain.transaction import in_service, service
from scheme.domain.visits.actions import open_clause
from scheme.enums import ApplicationStatus, AssessmentKind, Outcome
from scheme.extensions import db
from scheme.models import (
    Action,
    Assessment,
    Certificate,
    Premises,
    Setting,
    StaffMember,
    Standard,
    TrainingModule,
    TrainingRecord,
    User,
)
from scheme.models.base import utcnow

_TOUCHED = "readiness_touched_premises"
_TOUCHED_STAFF = "readiness_touched_staff"
_EVERY_PREMISES = "readiness_every_premises"
# Writing these is the refresh's own doing, not a reason to refresh again.
_KEPT_COLUMNS = frozenset({"ready_until", "suspended_from", "trained_until", "at_risk_notice_for",
                           "suspension_notice_for", "updated_at", "staff_active_count", "staff_trained_count",
                           "staff_figures_on", "staff_figures_until"})
MAX_HOLD_DAYS = 92
# The settings the rule reads: changing any other (a contact address) moves no premises.
_RULE_SETTINGS = frozenset({"required_trained_share", "grace_period_weeks", "readiness_grace_days"})


# ---- reading the facts ------------------------------------------------------------------

def facts_for(premises_ids: list[int]) -> dict[int, ReadinessFacts | None]:
    """The rule's inputs for each premises, as saved; None for one that is not a member."""
    rows = db.session.execute(
        db.select(Premises.id, Premises.status, Premises.hold_from, Premises.hold_until)
        .where(Premises.id.in_(premises_ids))
    ).all()
    members = [row.id for row in rows if row.status == ApplicationStatus.MEMBER]
    found: dict[int, ReadinessFacts | None] = {row.id: None for row in rows}
    if not members:
        return found
    training = training_facts(members, members)
    actions: dict[int, list[ActionFacts]] = {premises_id: [] for premises_id in members}
    for row in db.session.execute(
        db.select(Action.premises_id, Action.due_on, Action.status, Standard.mandatory)
        .outerjoin(Standard, Standard.id == Action.standard_id)
        .where(Action.premises_id.in_(members), open_clause())
    ):
        # An action set by a test visit before behaviours named their standard counts as mandatory.
        actions[row.premises_id].append(ActionFacts(row.due_on, True, row.mandatory is not False))
    failed: dict[int, date | None] = {}
    for row in db.session.execute(
        db.select(Assessment.premises_id, Assessment.visit_date, Assessment.outcome, Assessment.reviewed_at)
        .where(Assessment.premises_id.in_(members), Assessment.kind == AssessmentKind.TEST_VISIT,
               Assessment.completed_at.is_not(None))
        .order_by(Assessment.visit_date, Assessment.id)
    ):
        # The latest test visit decides; a later pass clears an earlier failure.
        failed[row.premises_id] = (row.visit_date if row.outcome == Outcome.FAIL and row.reviewed_at is None
                                   else None)
    for row in rows:
        if row.id not in actions:
            continue
        hold = Override(row.hold_from, row.hold_until) if row.hold_from and row.hold_until else None
        found[row.id] = ReadinessFacts(
            staff=tuple(training.staff.get(row.id, ())), modules=training.modules,
            records=tuple(training.records.get(row.id, ())), required_share=training.required_share,
            new_starter_grace_weeks=training.grace_weeks, actions=tuple(actions[row.id]),
            failed_test_visit_on=failed.get(row.id), override=hold,
        )
    return found


def computed(premises_id: int, previous: Stored, today: date) -> Stored:
    """What the rule says from scratch, given what was kept before a write on today."""
    return next_stored(previous, facts_for([premises_id])[premises_id], today, settings.load().readiness_grace_days)


# ---- keeping it on the premises -----------------------------------------------------------

def refresh(premises_ids, today: date) -> None:
    """Work out and keep the readiness of these premises, in the current transaction."""
    ids = sorted(set(premises_ids))
    if not ids:
        return
    db.session.flush()
    # Locked in id order (PostgreSQL), so a concurrent writer waits and then reads what this
    # one saved; populate_existing, so what is compared is what the database holds now. FOR NO
    # KEY UPDATE: rows inserted under the premises (staff, actions) take a key-share lock on
    # it, which must not deadlock with this one.
    premises_rows = list(db.session.scalars(
        db.select(Premises).where(Premises.id.in_(ids)).order_by(Premises.id)
        .with_for_update(key_share=True).execution_options(populate_existing=True)
    ))
    facts = facts_for(ids)
    grace_days = settings.load().readiness_grace_days
    training = _staff_training(facts, today)
    for premises in premises_rows:
        previous = Stored(premises.ready_until, premises.suspended_from)
        stored = next_stored(previous, facts.get(premises.id), today, grace_days)
        premises.ready_until, premises.suspended_from = stored.ready_until, stored.suspended_from
        premises.trained_until = next_trained_until(premises.trained_until, facts.get(premises.id), today)
        kept = staff_figures(training[premises.id], today) if premises.id in training else None
        premises.staff_active_count = kept.active if kept else None
        premises.staff_trained_count = kept.trained if kept else None
        premises.staff_figures_on = kept.on if kept else None
        premises.staff_figures_until = kept.until if kept else None
    _keep_staff_training(training)
    if in_service():
        _send_notices(premises_rows, facts, today)
    db.session.flush()


_STAFF = StaffMember.__table__
_KEEP_STAFF_TRAINING = (
    sa.update(_STAFF).where(_STAFF.c.id == sa.bindparam("staff_id"))
    .values(training_held=sa.bindparam("held"), training_held_until=sa.bindparam("held_until"))
)


def _staff_training(facts: dict[int, ReadinessFacts | None], today: date) -> dict[int, list]:
    """Each member premises' staff, with the training each holds and until when, on today."""
    return {premises_id: [(person, *held_until(person, premises_facts.modules, premises_facts.records, today))
                          for person in premises_facts.staff]
            for premises_id, premises_facts in facts.items() if premises_facts is not None}


def _keep_staff_training(training: dict[int, list]) -> None:
    # Straight to the table: these columns are the refresh's own doing, not a change to note.
    values = [{"staff_id": person.id, "held": held, "held_until": until}
              for people in training.values() for person, held, until in people]
    if values:
        db.session.execute(_KEEP_STAFF_TRAINING, values)


def refresh_everything(today: date) -> int:
    ids = db.session.scalars(db.select(Premises.id).where(
        (Premises.status == ApplicationStatus.MEMBER) | Premises.ready_until.is_not(None)
        | Premises.suspended_from.is_not(None) | Premises.trained_until.is_not(None)
    )).all()
    refresh(ids, today)
    return len(ids)


@service
def recompute_every_premises(today: date) -> int:
    """refresh_everything as its own transaction, for the command run after an upgrade."""
    return refresh_everything(today)


def _note_flush(session: Session, flush_context) -> None:
    touched = session.info.setdefault(_TOUCHED, set())
    staff = session.info.setdefault(_TOUCHED_STAFF, set())
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, Premises):
            if obj in session.new or _changed_beyond_kept(obj):
                touched.add(obj.id)
        elif isinstance(obj, (StaffMember, Action, Assessment, Certificate)):
            touched.add(obj.premises_id)
        elif isinstance(obj, TrainingRecord):
            staff.add(obj.staff_member_id)
        elif isinstance(obj, TrainingModule) or (isinstance(obj, Setting) and obj.key in _RULE_SETTINGS):
            session.info[_EVERY_PREMISES] = True


def _changed_beyond_kept(premises: Premises) -> bool:
    state = sa.inspect(premises)
    return any(attr.history.has_changes() for attr in state.attrs if attr.key not in _KEPT_COLUMNS)


def refresh_noted(session: Session) -> None:
    """Work out now, on clock.today(), the readiness of every premises whose rows this
    transaction has changed: what happens anyway just before it commits."""
    # Commit flushes only after its hook: flush first, so that what is about to be saved is noted.
    session.flush()
    every = session.info.pop(_EVERY_PREMISES, False)
    touched = session.info.pop(_TOUCHED, set())
    staff = session.info.pop(_TOUCHED_STAFF, set())
    if not (every or touched or staff):
        return
    today = clock.today()
    if every:
        refresh_everything(today)
    else:
        if staff:
            touched |= set(session.scalars(sa.select(StaffMember.premises_id).where(StaffMember.id.in_(staff))))
        refresh(touched, today)
    # The refresh's own writes are not news.
    for key in (_TOUCHED, _TOUCHED_STAFF, _EVERY_PREMISES):
        session.info.pop(key, None)


def _forget(session: Session, *args) -> None:
    for key in (_TOUCHED, _TOUCHED_STAFF, _EVERY_PREMISES):
        session.info.pop(key, None)


def init_app(app) -> None:
    # On the Session class, so every session hears it: the app's and the tests' own.
    for name, listener in (("after_flush", _note_flush), ("before_commit", refresh_noted),
                           ("after_rollback", _forget)):
        if not event.contains(Session, name, listener):
            event.listen(Session, name, listener)


# ---- telling people -----------------------------------------------------------------------
#
# Each episode is told once: the day a notice goes out is kept (at_risk_notice_for,
# suspension_notice_for), and a notice is due only when none has gone out since the episode
# began. So it does not matter whether a write or the hourly command notices first, how often
# either runs, or whether a later write works the same episode out again (which keeps its
# start: readiness_rule.next_stored).

def _at_risk_notice_due(premises: Premises, today: date) -> bool:
    stored = Stored(premises.ready_until, premises.suspended_from)
    return stored.at_risk_on(today) and not _told_since(premises.at_risk_notice_for,
                                                        premises.ready_until + timedelta(days=1))


def _suspension_notice_due(premises: Premises, today: date) -> bool:
    stored = Stored(premises.ready_until, premises.suspended_from)
    return stored.suspended_on(today) and not _told_since(premises.suspension_notice_for, premises.suspended_from)


def _told_since(told_on: date | None, began_on: date) -> bool:
    return told_on is not None and told_on >= began_on


def _notice_due_clause(today: date) -> sa.ColumnElement[bool]:
    """_at_risk_notice_due or _suspension_notice_due, as SQL (a day told after ready_until is
    a day on or after the episode began)."""
    return sa.or_(
        sa.and_(Premises.ready_until < today,
                Premises.at_risk_notice_for.is_(None) | (Premises.at_risk_notice_for <= Premises.ready_until)),
        sa.and_(Premises.suspended_from <= today,
                Premises.suspension_notice_for.is_(None)
                | (Premises.suspension_notice_for < Premises.suspended_from)),
    )


def _send_notices(premises_rows: list[Premises], facts: dict[int, ReadinessFacts | None], today: date) -> int:
    """Tell the business and the area's officers of each premises whose at-risk or suspension
    notice is due today, if it holds a valid certificate (nothing public is at stake
    otherwise); the number of premises told."""
    due = [premises for premises in premises_rows
           if (_at_risk_notice_due(premises, today) or _suspension_notice_due(premises, today))]
    if not due:
        return 0
    certified = set(db.session.scalars(
        db.select(Certificate.premises_id).where(Certificate.premises_id.in_([p.id for p in due]),
                                                 valid_clause(Certificate, today))
    ))
    due = [premises for premises in due if premises.id in certified]
    for premises in due:
        stored = Stored(premises.ready_until, premises.suspended_from)
        premises_facts = facts.get(premises.id)
        causes = sorted(causes_on(premises_facts, max(today, stored.ready_until + timedelta(days=1))),
                        key=list(Cause).index) if premises_facts else []
        context = dict(causes=[cause.words for cause in causes], stops_counting_on=stored.suspended_from,
                       days_left=days_left(stored, today))
        if _suspension_notice_due(premises, today):
            # Told of the suspension, the business needs no separate word that it was at risk.
            template, audit = "readiness_suspended", "readiness.suspended"
            premises.suspension_notice_for = today
        else:
            template, audit = "readiness_at_risk", "readiness.at_risk"
        premises.at_risk_notice_for = today
        tell_business(premises, template, for_officers=False, **context)
        tell_officers(premises, template, for_officers=True, **context)
        audit_log.record(None, audit, premises_id=premises.id,
                         details=", ".join(cause.value for cause in causes))
    return len(due)


@service
def send_due_notices(today: date) -> int:
    """Tell businesses and officers of premises that have become at risk, or suspended
    pending checks, as days passed with no write (training expiring, a new starter's grace
    ending, an action falling due): for send-reminders, hourly. Safe to run as often as
    liked, and at once on several servers: each episode is told once. The number of
    premises told."""
    candidates = due_notice_candidates(today)
    if not candidates:
        return 0
    # Locked, then read again: of two runs at once, the second sees what the first told.
    rows = list(db.session.scalars(
        db.select(Premises).where(Premises.id.in_(candidates)).order_by(Premises.id)
        .with_for_update(key_share=True).execution_options(populate_existing=True)))
    due = [p for p in rows if _at_risk_notice_due(p, today) or _suspension_notice_due(p, today)]
    return _send_notices(due, facts_for([p.id for p in due]), today)


def due_notice_candidates(today: date) -> list[int]:
    """The premises with a valid certificate whose at-risk or suspension notice is due, as
    read before any is locked (so two runs at once may both find the same ones)."""
    return list(db.session.scalars(
        db.select(Premises.id).where(
            Premises.status == ApplicationStatus.MEMBER,
            Premises.id.in_(db.select(Certificate.premises_id).where(valid_clause(Certificate, today))),
            _notice_due_clause(today)).order_by(Premises.id)))


def send_due_notices_unless_busy(today: date) -> int | None:
    """send_due_notices, or None when SQLite refused the write because another run was
    telling them at that moment: what it did not tell, the next run does."""
    try:
        return send_due_notices(today)
    except OperationalError:
        return None


# ---- what pages read ----------------------------------------------------------------------

@dataclass(frozen=True)
class Readiness:
    """A premises' readiness on a day, for its pages."""

    stored: Stored
    today: date
    causes: tuple[Cause, ...] = ()  # in Cause's order; each has its words
    hold: "Hold | None" = None

    @property
    def at_risk(self) -> bool:
        return self.stored.at_risk_on(self.today)

    @property
    def suspended(self) -> bool:
        return self.stored.suspended_on(self.today)

    @property
    def stops_counting_on(self) -> date | None:
        return self.stored.suspended_from

    @property
    def at_risk_since(self) -> date | None:
        return self.stored.ready_until + timedelta(days=1) if self.stored.ready_until else None

    @property
    def ready_until(self) -> date | None:
        return self.stored.ready_until

    @property
    def days_left(self) -> int | None:
        return days_left(self.stored, self.today)


@dataclass(frozen=True)
class Hold:
    reason: str
    starts_on: date
    ends_on: date
    by: str

    def covers(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on


def readiness_of(premises: Premises, today: date) -> Readiness:
    """For a premises' own pages: what is kept, and why it is at risk (read from scratch)."""
    stored = Stored(premises.ready_until, premises.suspended_from)
    causes: tuple[Cause, ...] = ()
    if stored.ready_until is not None:
        facts = facts_for([premises.id])[premises.id]
        if facts is not None:
            day = max(today, stored.ready_until + timedelta(days=1))
            causes = tuple(sorted(causes_on(facts, day), key=list(Cause).index))
    hold = None
    if premises.hold_from and premises.hold_until:
        by = db.session.scalar(db.select(User.name).where(User.id == premises.hold_by_id)) or "an officer"
        hold = Hold(premises.hold_reason, premises.hold_from, premises.hold_until, by)
    return Readiness(stored, today, causes, hold)


@dataclass(frozen=True)
class AtRisk:
    premises: Premises
    readiness: Readiness


def at_risk_query(today: date) -> sa.Select:
    """Member premises holding a valid certificate that are at risk today, or suspended
    pending checks, soonest suspended first: the officers' "at risk" queue, on what is kept."""
    return (
        db.select(Premises)
        # EXISTS, not IN: the database walks the members not ready since before today by their
        # index and looks each one's certificates up, not every valid certificate of the scheme.
        .where(Premises.status == ApplicationStatus.MEMBER, Premises.ready_until < today,
               sa.exists().where(Certificate.premises_id == Premises.id, valid_clause(Certificate, today)))
        .order_by(Premises.suspended_from, Premises.name, Premises.id)
    )


def at_risk_item(row, today: date) -> AtRisk:
    premises = row[0]
    return AtRisk(premises, Readiness(Stored(premises.ready_until, premises.suspended_from), today))


def at_risk_premises(today: date) -> list[AtRisk]:
    return [at_risk_item(row, today) for row in db.session.execute(at_risk_query(today))]


# ---- officers' holds and reviews ----------------------------------------------------------

@service
def hold_as_ready(officer: User, premises_id: int, *, reason: str, until: date, today: date) -> Premises:
    """An officer holds the premises' readiness as met from today to `until`, for a reason."""
    require_staff(officer, "Only officers hold a premises as ready")
    premises = get_or_not_found(Premises, premises_id, "There is no such premises")
    if premises.status != ApplicationStatus.MEMBER:
        raise InvalidState("Only a member of the scheme can be held as ready")
    if not reason.strip():
        raise DomainError("Enter the reason for holding the premises as ready")
    if until < today:
        raise DomainError("The last day of the hold must be today or in the future")
    if until > today + timedelta(days=MAX_HOLD_DAYS):
        raise DomainError(f"A hold can last at most {MAX_HOLD_DAYS} days")
    premises.hold_reason, premises.hold_from, premises.hold_until = reason.strip(), today, until
    premises.hold_by_id = officer.id
    audit_log.record(officer, "readiness.held", premises_id=premises.id,
                     details=f"until {in_words(until)}: {reason.strip()}")
    return premises


@service
def end_hold(officer: User, premises_id: int) -> Premises:
    require_staff(officer, "Only officers end a hold")
    premises = get_or_not_found(Premises, premises_id, "There is no such premises")
    if premises.hold_from is None:
        raise InvalidState("This premises is not held as ready")
    premises.hold_reason, premises.hold_from, premises.hold_until, premises.hold_by_id = "", None, None, None
    audit_log.record(officer, "readiness.hold_ended", premises_id=premises.id)
    return premises


@service
def review_test_visit(officer: User, assessment_id: int, note: str) -> Assessment:
    """An officer has looked into a failed test visit: it no longer suspends the premises
    (the actions it set still have to be done)."""
    require_staff(officer, "Only officers review test visits")
    visit = get_assessment(assessment_id, AssessmentKind.TEST_VISIT, "There is no such test visit")
    if visit.outcome != Outcome.FAIL:
        raise InvalidState("Only a failed test visit needs a review")
    if visit.reviewed_at is not None:
        raise InvalidState("This test visit has already been reviewed")
    if not note.strip():
        raise DomainError("Enter what the review found")
    visit.reviewed_at, visit.reviewed_by_id, visit.review_note = utcnow(), officer.id, note.strip()
    audit_log.record(officer, "test_visit.reviewed", premises_id=visit.premises_id,
                     subject=f"assessment:{visit.id}", details=note.strip())
    return visit

