"""Reminders: what is coming due, told once per item and threshold, grouped into one email
per person per run.

The rules (which threshold an item has reached on a day) are plain functions of dates and
take today; the due/overdue rules themselves are those of visits/actions.py and the
training rule's. `send_reminders` finds what is due and, per person, writes one Reminder row
per item and threshold together with the one outbox message that tells them, in one
transaction: the unique key on Reminder means two copies running at once (two app servers'
crons) cannot both send, and a run that loses the race simply finds nothing new next time.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError, OperationalError

from scheme.domain import audit_log
from scheme.domain.accounts import tokens
from scheme.domain.certificates.state import current_certificate_ids, valid_clause
from scheme.domain.links import external_url
from scheme.domain.mail import queue_email
from scheme.domain.notifications import officers_for_area
from scheme.domain.training.rule import RecordFacts, awaiting_approval
from scheme.domain.training.staff import active_clause
from scheme.domain.transaction import service
from scheme.domain.visits.actions import is_open, is_overdue
from scheme.enums import (
    BUSINESS_REMINDER_KINDS,
    ActionStatus,
    ApplicationStatus,
    ReminderKind,
    Role,
)
from scheme.extensions import db
from scheme.models import (
    Action,
    Certificate,
    Premises,
    PremisesMember,
    Reminder,
    ReminderOptOut,
    StaffMember,
    TrainingModule,
    TrainingRecord,
    User,
)

K = ReminderKind

CERTIFICATE_DAYS = (60, 30, 7)
ACTION_DAYS = 7
TRAINING_DAYS = 30
CHANGES_DAYS = 3
VISIT_DAYS = 14
OVERDUE = "overdue"
EXPIRED = "expired"


# -- The rules: which threshold an item has reached today (None: nothing to say) ----------

def certificate_threshold(expires_on: date, today: date) -> str | None:
    """The nearest of 60, 30 and 7 days before expiry that has been reached. A run that
    missed a day still sends it; once a nearer one is reached, the further ones are not."""
    days_left = (expires_on - today).days
    if days_left < 0:
        return None
    reached = [days for days in CERTIFICATE_DAYS if days_left <= days]
    return str(min(reached)) if reached else None


def action_threshold(status: ActionStatus, due_on: date, today: date) -> str | None:
    if is_overdue(status, due_on, today):
        return OVERDUE
    if is_open(status) and 0 <= (due_on - today).days <= ACTION_DAYS:
        return str(ACTION_DAYS)
    return None


def training_threshold(expires_on: date | None, today: date) -> str | None:
    """Training is valid up to and including its expiry day (as the training rule counts it)."""
    if expires_on is None:
        return None
    if today > expires_on:
        return EXPIRED
    if (expires_on - today).days <= TRAINING_DAYS:
        return str(TRAINING_DAYS)
    return None


def changes_threshold(changes_due_on: date | None, today: date) -> str | None:
    if changes_due_on is not None and 0 <= (changes_due_on - today).days <= CHANGES_DAYS:
        return str(CHANGES_DAYS)
    return None


def visit_threshold(next_visit_due_on: date | None, today: date) -> str | None:
    if next_visit_due_on is not None and 0 <= (next_visit_due_on - today).days <= VISIT_DAYS:
        return str(VISIT_DAYS)
    return None


def latest_holding(records: list[RecordFacts]) -> RecordFacts | None:
    """Of one person's records of one module, the one that counts longest (no expiry: for
    ever); a renewal supersedes the record that is about to expire. Pending ones do not count."""
    counting = [record for record in records if not record.pending]
    return max(counting, key=lambda r: (r.expires_on is None, r.expires_on or date.min), default=None)


# -- What is due -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Due:
    """One line of a reminder: an item that has reached a threshold, for one person."""

    user_id: int
    kind: ReminderKind
    item: str
    threshold: str
    premises_id: int | None
    premises_name: str
    premises_area: str
    on: date  # the date that matters: expiry, due date, visit date
    what: str  # the certificate number, the action, "name: module"

    @property
    def key(self) -> tuple:
        return (self.user_id, self.kind, self.item, self.threshold)


def _managers() -> sa.Select:
    return (sa.select(PremisesMember.premises_id, User.id.label("user_id"))
            .join(User, User.id == PremisesMember.user_id)
            .where(User.active.is_(True), User.role == Role.BUSINESS))


def _for_managers(rows, make) -> list[Due]:
    managers: dict[int, list[int]] = defaultdict(list)
    for premises_id, user_id in db.session.execute(_managers()):
        managers[premises_id].append(user_id)
    return [make(user_id, row) for row in rows for user_id in managers.get(row.premises_id, ())]


def _due_certificates(today: date) -> list[Due]:
    rows = db.session.execute(
        sa.select(Certificate.id, Certificate.number, Certificate.expires_on, Certificate.premises_id,
                  Premises.name, Premises.trading_name, Premises.area)
        .join(Premises, Premises.id == Certificate.premises_id)
        .where(Certificate.id.in_(current_certificate_ids()), valid_clause(Certificate, today),
               Certificate.expires_on <= today + timedelta(days=max(CERTIFICATE_DAYS)))
    ).all()
    return _for_managers(
        [row for row in rows if certificate_threshold(row.expires_on, today)],
        lambda user_id, row: Due(user_id, K.CERTIFICATE_EXPIRY, f"certificate:{row.id}",
                                 certificate_threshold(row.expires_on, today), row.premises_id,
                                 row.trading_name or row.name, row.area, row.expires_on, row.number))


def _due_actions(today: date) -> list[Due]:
    rows = db.session.execute(
        sa.select(Action.id, Action.description, Action.due_on, Action.status, Action.premises_id,
                  Premises.name, Premises.trading_name, Premises.area)
        .join(Premises, Premises.id == Action.premises_id)
        .where(Action.status == ActionStatus.OPEN, Action.due_on <= today + timedelta(days=ACTION_DAYS))
    ).all()
    return _for_managers(
        [row for row in rows if action_threshold(row.status, row.due_on, today)],
        lambda user_id, row: Due(user_id, K.ACTION_DUE, f"action:{row.id}",
                                 action_threshold(row.status, row.due_on, today), row.premises_id,
                                 row.trading_name or row.name, row.area, row.due_on, row.description))


def _due_training(today: date) -> list[Due]:
    # Only the people and modules with a record expiring by the threshold, but all of their
    # records of that module: a renewal already recorded means nothing is due.
    expiring = (sa.select(TrainingRecord.staff_member_id, TrainingRecord.module_id)
                .where(TrainingRecord.expires_on <= today + timedelta(days=TRAINING_DAYS)))
    rows = db.session.execute(
        sa.select(TrainingRecord.id, TrainingRecord.staff_member_id, TrainingRecord.module_id,
                  TrainingRecord.completed_on, TrainingRecord.expires_on, TrainingRecord.evidence,
                  TrainingRecord.approved_by_id, TrainingRecord.session_id, TrainingRecord.needs_approval,
                  StaffMember.name.label("person"), StaffMember.premises_id,
                  TrainingModule.title, Premises.name, Premises.trading_name, Premises.area)
        .join(StaffMember, StaffMember.id == TrainingRecord.staff_member_id)
        .join(TrainingModule, TrainingModule.id == TrainingRecord.module_id)
        .join(Premises, Premises.id == StaffMember.premises_id)
        .where(sa.tuple_(TrainingRecord.staff_member_id, TrainingRecord.module_id).in_(expiring),
               active_clause(today), TrainingModule.active.is_(True), TrainingRecord.completed_on <= today,
               Premises.status == ApplicationStatus.MEMBER)
    ).all()
    by_holding = defaultdict(list)
    for row in rows:
        pending = awaiting_approval(row.evidence, from_register=row.session_id is not None,
                                    needs_approval=row.needs_approval, approved=row.approved_by_id is not None)
        by_holding[(row.staff_member_id, row.module_id)].append(
            (RecordFacts(row.staff_member_id, row.module_id, row.completed_on, row.expires_on, pending), row))
    due_rows = []
    for held in by_holding.values():
        latest = latest_holding([facts for facts, _ in held])
        if latest is None or not training_threshold(latest.expires_on, today):
            continue
        due_rows.append(next(row for facts, row in held if facts is latest))
    return _for_managers(
        due_rows,
        lambda user_id, row: Due(user_id, K.TRAINING_EXPIRY, f"training:{row.id}",
                                 training_threshold(row.expires_on, today), row.premises_id,
                                 row.trading_name or row.name, row.area, row.expires_on,
                                 f"{row.person}: {row.title}"))


def _due_changes(today: date) -> list[Due]:
    rows = db.session.execute(
        sa.select(Premises.id.label("premises_id"), Premises.name, Premises.trading_name, Premises.area,
                  Premises.changes_due_on)
        .where(Premises.status == ApplicationStatus.CHANGES_REQUESTED,
               Premises.changes_due_on.between(today, today + timedelta(days=CHANGES_DAYS)))
    ).all()
    return _for_managers(
        rows,
        lambda user_id, row: Due(user_id, K.CHANGES_DUE, f"premises:{row.premises_id}:{row.changes_due_on}",
                                 changes_threshold(row.changes_due_on, today), row.premises_id,
                                 row.trading_name or row.name, row.area, row.changes_due_on, ""))


def _due_visits(today: date) -> list[Due]:
    rows = db.session.execute(
        sa.select(Premises.id, Premises.name, Premises.trading_name, Premises.area, Premises.area_id,
                  Premises.next_visit_due_on)
        .where(Premises.status == ApplicationStatus.MEMBER,
               Premises.next_visit_due_on.between(today, today + timedelta(days=VISIT_DAYS)))
    ).all()
    officers_by_area = {}
    due = []
    for row in rows:
        if row.area_id not in officers_by_area:
            officers_by_area[row.area_id] = [officer.id for officer in officers_for_area(row.area_id)]
        for officer_id in officers_by_area[row.area_id]:
            due.append(Due(officer_id, K.VISIT_DUE, f"premises:{row.id}:{row.next_visit_due_on}",
                           visit_threshold(row.next_visit_due_on, today), row.id,
                           row.trading_name or row.name, row.area, row.next_visit_due_on, ""))
    return due


def due_reminders(today: date) -> list[Due]:
    """Everything that has reached a threshold today and has not been sent to that person,
    leaving out the kinds each business user has switched off."""
    candidates = (_due_certificates(today) + _due_actions(today) + _due_training(today)
                  + _due_changes(today) + _due_visits(today))
    return _not_yet_sent(candidates)


def _not_yet_sent(candidates: list[Due]) -> list[Due]:
    users = {due.user_id for due in candidates}
    if not users:
        return []
    sent = {tuple(row) for row in db.session.execute(
        sa.select(Reminder.user_id, Reminder.kind, Reminder.item, Reminder.threshold)
        .where(Reminder.user_id.in_(users)))}
    opted_out = {tuple(row) for row in db.session.execute(
        sa.select(ReminderOptOut.user_id, ReminderOptOut.kind).where(ReminderOptOut.user_id.in_(users)))}
    return [due for due in candidates
            if due.key not in sent and (due.user_id, due.kind) not in opted_out]


# -- Sending -------------------------------------------------------------------------------

@dataclass
class RunResult:
    emails: int = 0
    items: int = 0
    lost_races: int = 0  # people another copy of the command reminded first
    busy: int = 0  # people left for the next run: the database was busy (SQLite's one writer)
    people: set = field(default_factory=set)


def send_reminders(today: date) -> RunResult:
    """Send what is due today: one email per person. Safe to run every hour, and twice at once."""
    result = RunResult()
    by_user: dict[int, list[Due]] = defaultdict(list)
    for due in due_reminders(today):
        by_user[due.user_id].append(due)
    for user_id, items in by_user.items():
        try:
            sent = _remind(user_id, items, today)
        except IntegrityError:
            # Another run wrote some of these first and has sent them. What it did not
            # send (if anything) is due next time.
            result.lost_races += 1
            continue
        except OperationalError:
            # SQLite lets one writer at a time and refuses the other after its busy timeout:
            # nothing was written for this person, so the next run reminds them.
            result.busy += 1
            continue
        if sent:
            result.emails += 1
            result.items += sent
            result.people.add(user_id)
    return result


@service
def _remind(user_id: int, items: list[Due], today: date) -> int:
    user = db.session.get(User, user_id)
    if user is None or not user.active:
        return 0
    if user.role == Role.BUSINESS:
        items = [due for due in items if due.kind in BUSINESS_REMINDER_KINDS]
        template = "reminders"
    else:
        items = [due for due in items if due.kind == K.VISIT_DUE]
        if not items:
            return 0
        # One digest a day: the day's row is unique too, so later runs that day add nothing
        # (what becomes due meanwhile goes in tomorrow's).
        items.append(Due(user_id, K.OFFICER_DIGEST, f"day:{today.isoformat()}", "daily", None, "", "", today, ""))
        template = "officer_digest"
    if not items:
        return 0
    rows = [Reminder(user_id=user_id, kind=due.kind, item=due.item, threshold=due.threshold, sent_on=today,
                     premises_id=due.premises_id)
            for due in items]
    db.session.add_all(rows)
    db.session.flush()  # the unique key refuses a reminder another run has written
    lines = [due for due in items if due.kind != K.OFFICER_DIGEST]
    premises_ids = {due.premises_id for due in lines}
    message = queue_email(
        user.email, template, send_now=False,
        premises_id=premises_ids.pop() if len(premises_ids) == 1 else None,
        user=user, today=today, groups=_grouped(lines), count=len(lines),
        preferences_link=preferences_link(user) if user.role == Role.BUSINESS else None,
        home_link=external_url("business.home" if user.role == Role.BUSINESS else "officer.home"),
    )
    for row in rows:
        row.outbox_message_id = message.id
    return len(lines)


def _grouped(lines: list[Due]) -> list[tuple[str, list[Due]]]:
    """Lines by premises (for a business) or area (for an officer), each in date order."""
    groups: dict[str, list[Due]] = defaultdict(list)
    for due in lines:
        heading = due.premises_area if due.kind == K.VISIT_DUE else due.premises_name
        groups[heading].append(due)
    return [(heading, sorted(group, key=lambda d: (d.on, d.kind, d.item))) for heading, group in sorted(groups.items())]


# -- Preferences -----------------------------------------------------------------------------

def preferences_link(user: User) -> str:
    token = tokens.signer().make(tokens.REMINDER_PREFERENCES, {"user": user.id})
    return external_url("account.reminder_preferences", token=token)


def user_for_preferences(token: str) -> User:
    """The business user a preferences link is for; LinkProblem when it is not a good link."""
    payload = tokens.signer().read(tokens.REMINDER_PREFERENCES, token)
    user = db.session.get(User, payload.get("user"))
    if user is None or not user.active or user.role != Role.BUSINESS:
        raise tokens.LinkInvalid("This link is not valid")
    return user


def wanted_kinds(user: User) -> set[ReminderKind]:
    off = set(db.session.scalars(sa.select(ReminderOptOut.kind).where(ReminderOptOut.user_id == user.id)))
    return {kind for kind in BUSINESS_REMINDER_KINDS if kind not in off}


@service
def choose_reminders(token: str, wanted: set[ReminderKind]) -> User:
    """Save which reminders the user of a preferences link receives (decisions always go)."""
    user = user_for_preferences(token)
    db.session.execute(sa.delete(ReminderOptOut).where(ReminderOptOut.user_id == user.id))
    db.session.add_all(ReminderOptOut(user_id=user.id, kind=kind)
                       for kind in BUSINESS_REMINDER_KINDS if kind not in wanted)
    audit_log.record(user, "reminders.chosen",
                     details="; ".join(kind.label for kind in BUSINESS_REMINDER_KINDS if kind in wanted) or "none")
    return user
