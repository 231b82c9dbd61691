"""Scheme training sessions: a register of attendees from many premises, closed once held."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import contains_eager, joinedload

from scheme.domain import audit_log
from scheme.domain.errors import DomainError, InvalidState, NotFound
from scheme.domain.training.common import expiry_for, get_module
from scheme.domain.training.staff import StaffDetails, active_clause, check_details
from scheme.domain.transaction import service
from scheme.enums import ApplicationStatus, JobRole, TrainingEvidence
from scheme.extensions import db
from scheme.models import (
    Area,
    Premises,
    SessionAttendee,
    StaffMember,
    TrainingRecord,
    TrainingSession,
    User,
)
from scheme.models.base import utcnow


@dataclass(frozen=True)
class SessionDetails:
    module_id: int
    held_on: date
    place: str
    trainer: str


@dataclass(frozen=True)
class NewAttendee:
    premises_id: int
    name: str
    job_role: JobRole


def all_sessions() -> list[TrainingSession]:
    return list(db.session.scalars(db.select(TrainingSession).options(joinedload(TrainingSession.module))
                                   .order_by(TrainingSession.held_on.desc())))


def session(session_id: int) -> TrainingSession:
    found = db.session.scalar(db.select(TrainingSession).where(TrainingSession.id == session_id)
                              .options(joinedload(TrainingSession.module)))
    if found is None:
        raise NotFound("There is no such training session")
    return found


def register_of(session_id: int) -> list[StaffMember]:
    return list(db.session.scalars(
        db.select(StaffMember).join(SessionAttendee).join(Premises)
        .where(SessionAttendee.session_id == session_id).options(contains_eager(StaffMember.premises))
        .order_by(Premises.name, StaffMember.name)
    ))


CANDIDATE_PREMISES = 20  # premises shown for one search of the register


def candidates(session_id: int, search: str) -> list[tuple[Premises, list[StaffMember]]]:
    """Staff on the day of the session, of premises in the scheme (applied or member), not yet
    on the register, grouped by premises, for the premises whose name, area or postcode
    matches the search or who employ someone whose name does: at most CANDIDATE_PREMISES
    premises, and nothing without a search (the register is never a list of everyone).
    The day of the session, not today: closing the register records the training on that day."""
    if not search.strip():
        return []
    held_on = session(session_id).held_on
    on_register = db.select(SessionAttendee.staff_member_id).where(SessionAttendee.session_id == session_id)
    pattern = f"%{search.strip()}%"
    by_person = db.select(StaffMember.premises_id).where(StaffMember.name.ilike(pattern))
    # The areas by name first (a few dozen), not each premises' area name looked up to compare.
    by_area = db.select(Area.id).where(Area.name.ilike(pattern))
    premises_list = list(db.session.scalars(
        db.select(Premises)
        .where(Premises.status.not_in([ApplicationStatus.DRAFT, ApplicationStatus.REJECTED]),
               Premises.name.ilike(pattern) | Premises.trading_name.ilike(pattern) | Premises.area_id.in_(by_area)
               | Premises.postcode.ilike(pattern) | Premises.id.in_(by_person))
        .order_by(Premises.name, Premises.id).limit(CANDIDATE_PREMISES)
    ))
    people = db.session.scalars(
        db.select(StaffMember)
        .where(StaffMember.premises_id.in_([p.id for p in premises_list]), active_clause(held_on),
               StaffMember.id.not_in(on_register))
        .order_by(StaffMember.name)
    )
    by_premises: dict[int, list[StaffMember]] = {}
    for person in people:
        by_premises.setdefault(person.premises_id, []).append(person)
    return [(premises, by_premises.get(premises.id, [])) for premises in premises_list]


def _open_register(session_id: int) -> TrainingSession:
    target = session(session_id)
    if target.closed_at is not None:
        raise InvalidState("The register is closed")
    return target


def _check(details: SessionDetails) -> None:
    get_module(details.module_id)
    if not details.place.strip():
        raise DomainError("Enter where the session is held")
    if not details.trainer.strip():
        raise DomainError("Enter the trainer's name")


@service
def add_session(actor: User, details: SessionDetails) -> TrainingSession:
    _check(details)
    created = TrainingSession(module_id=details.module_id, held_on=details.held_on, place=details.place.strip(),
                              trainer=details.trainer.strip())
    db.session.add(created)
    db.session.flush()
    audit_log.record(actor, "training_session.added", subject=f"training_session:{created.id}")
    return created


@service
def add_attendees(actor: User, session_id: int, staff_ids: list[int], new_people: list[NewAttendee],
                  today: date) -> int:
    """Put existing staff and new starters (added to their premises on the spot) on the
    register, all in one go. Returns how many were added."""
    target = _open_register(session_id)
    wanted = set(staff_ids)
    already = set(db.session.scalars(
        db.select(SessionAttendee.staff_member_id).where(SessionAttendee.session_id == session_id)
    ))
    found = set(db.session.scalars(
        db.select(StaffMember.id).where(StaffMember.id.in_(wanted), active_clause(target.held_on))
    )) if wanted else set()
    if found != wanted:
        raise DomainError("Some of the selected people are no longer listed as staff: reload the page and try again")
    known_premises = set(db.session.scalars(
        db.select(Premises.id).where(Premises.id.in_({person.premises_id for person in new_people}))
    )) if new_people else set()
    added = 0
    for person in new_people:
        if person.premises_id not in known_premises:
            raise DomainError("Select the premises each new person works at")
        check_details(StaffDetails(person.name, person.job_role, today))
        staff = StaffMember(premises_id=person.premises_id, name=person.name.strip(), job_role=person.job_role,
                            started_on=min(today, target.held_on))
        db.session.add(staff)
        db.session.flush()
        audit_log.record(actor, "staff.added", premises_id=person.premises_id, subject=f"staff_member:{staff.id}",
                     details=f"at training session {target.id}")
        wanted.add(staff.id)
    for staff_id in sorted(wanted - already):
        db.session.add(SessionAttendee(session_id=session_id, staff_member_id=staff_id))
        added += 1
    audit_log.record(actor, "training_session.register", subject=f"training_session:{target.id}",
                 details=f"{added} added")
    return added


@service
def remove_attendee(actor: User, session_id: int, staff_id: int) -> None:
    target = _open_register(session_id)
    attendee = db.session.get(SessionAttendee, (session_id, staff_id))
    if attendee is not None:
        db.session.delete(attendee)
        audit_log.record(actor, "training_session.removed", subject=f"training_session:{target.id}",
                     details=f"staff_member:{staff_id}")


@service
def close_register(actor: User, session_id: int, today: date) -> int:
    """Record the completion for everyone on the register. Returns how many were recorded."""
    target = session(session_id)
    if target.closed_at is not None:
        raise InvalidState("The register is already closed")
    if target.held_on > today:
        raise DomainError("The register can be closed on or after the day of the session")
    module = get_module(target.module_id, active_only=False)
    expires_on = expiry_for(module, target.held_on)
    attendees = register_of(session_id)
    if not attendees:
        raise DomainError("Add at least one attendee before closing the register")
    for person in attendees:
        db.session.add(TrainingRecord(staff_member_id=person.id, module_id=module.id, completed_on=target.held_on,
                                      expires_on=expires_on, evidence=TrainingEvidence.SCHEME_SESSION,
                                      session_id=target.id))
    target.closed_at = utcnow()
    audit_log.record(actor, "training_session.closed", subject=f"training_session:{target.id}",
                 details=f"{len(attendees)} completions recorded")
    return len(attendees)
