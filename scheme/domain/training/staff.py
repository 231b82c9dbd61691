"""The staff of a premises: name, job role, start and leaving dates. Nothing more."""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from scheme.domain import audit_log
from scheme.domain.access import premises_for
from scheme.domain.errors import DomainError, StaleEdit
from scheme.domain.lookup import load_related
from scheme.domain.training.common import get_staff
from scheme.domain.transaction import service
from scheme.enums import JobRole
from scheme.extensions import db
from scheme.models import StaffMember, User


@dataclass(frozen=True)
class StaffDetails:
    name: str
    job_role: JobRole
    started_on: date | None
    left_on: date | None = None
    is_safeguarding_lead: bool = False


def active_clause(on: date) -> sa.ColumnElement[bool]:
    """rule.is_active, as SQL over StaffMember: started by the day and not yet left."""
    return sa.and_(sa.or_(StaffMember.started_on.is_(None), StaffMember.started_on <= on),
                   sa.or_(StaffMember.left_on.is_(None), StaffMember.left_on > on))


def staff_of(premises_id: int) -> list[StaffMember]:
    """Everyone the premises has listed, leavers last."""
    return list(db.session.scalars(
        db.select(StaffMember).where(StaffMember.premises_id == premises_id)
        .order_by(StaffMember.left_on.is_not(None), StaffMember.name)
    ))


def staff_member_for(user: User, staff_id: int) -> StaffMember:
    person = get_staff(staff_id)
    premises_for(user, person.premises_id)
    return load_related(person, joinedload(StaffMember.premises))  # its pages show the premises too


def check_details(details: StaffDetails) -> None:
    if not details.name.strip():
        raise DomainError("Enter the person's name")
    if details.started_on and details.left_on and details.left_on < details.started_on:
        raise DomainError("The leaving date must be the same as or after the start date")


def _apply(person: StaffMember, details: StaffDetails) -> None:
    check_details(details)
    person.name = details.name.strip()
    person.job_role = details.job_role
    person.started_on = details.started_on
    person.left_on = details.left_on
    if details.is_safeguarding_lead and not person.is_safeguarding_lead:
        # One named lead per premises: naming a new one stands the previous one down.
        for other in db.session.scalars(db.select(StaffMember).where(
            StaffMember.premises_id == person.premises_id, StaffMember.is_safeguarding_lead.is_(True)
        )):
            other.is_safeguarding_lead = False
    person.is_safeguarding_lead = details.is_safeguarding_lead


@service
def add_staff(actor: User, premises_id: int, details: StaffDetails) -> StaffMember:
    premises_for(actor, premises_id)
    person = StaffMember(premises_id=premises_id)
    db.session.add(person)
    _apply(person, details)
    db.session.flush()
    audit_log.record(actor, "staff.added", premises_id=premises_id, subject=f"staff_member:{person.id}")
    return person


@service
def update_staff(actor: User, staff_id: int, details: StaffDetails, based_on_revision: int | None = None) -> StaffMember:
    """Change a person's details. With based_on_revision (what the form was filled in from),
    a change someone else saved meanwhile is refused, not overwritten."""
    if based_on_revision is not None:
        # A conditional update, first, so that of two people saving at the same moment only one
        # wins, on SQLite (whose write lock this takes at once) as on PostgreSQL. Refused
        # access below rolls it back.
        claimed = db.session.execute(
            db.update(StaffMember).where(StaffMember.id == staff_id, StaffMember.revision == based_on_revision)
            .values(revision=StaffMember.revision + 1).execution_options(synchronize_session=False)
        ).rowcount
        person = staff_member_for(actor, staff_id)
        db.session.refresh(person)
        if claimed != 1:
            raise StaleEdit(f"Someone else changed {person.name}'s details while you were editing them. "
                            "Check them as they are now and make your change again")
    else:
        person = staff_member_for(actor, staff_id)
        person.revision += 1
    _apply(person, details)
    audit_log.record(actor, "staff.changed", premises_id=person.premises_id, subject=f"staff_member:{person.id}")
    return person
