"""Who is told about a premises: its business users, and the officers of its area.

Decisions go to every active business user who manages the premises (they cannot be
switched off); news for officers goes to the officers of the premises' area. Each email is
filed under the premises, so officers see its message history.
"""

from scheme.domain.mail import queue_email
from scheme.enums import STAFF_ROLES, Role
from scheme.extensions import db
from scheme.models import OfficerArea, Premises, PremisesMember, User


def managers_of(premises_id: int) -> list[User]:
    return list(db.session.scalars(
        db.select(User).join(PremisesMember, PremisesMember.user_id == User.id)
        .where(PremisesMember.premises_id == premises_id, User.active.is_(True))
        .order_by(User.id)))


def officers_for_area(area_id: int | None) -> list[User]:
    """The officers told about premises in an area: the active officers and admins assigned
    to it (scheme.domain.areas); when nobody is, every active officer, so that news about a
    premises never goes to no one."""
    if area_id is not None:
        assigned = list(db.session.scalars(
            db.select(User).join(OfficerArea, OfficerArea.user_id == User.id)
            .where(OfficerArea.area_id == area_id, User.role.in_(STAFF_ROLES), User.active.is_(True))
            .order_by(User.id)))
        if assigned:
            return assigned
    return list(db.session.scalars(
        db.select(User).where(User.role == Role.OFFICER, User.active.is_(True)).order_by(User.id)))


def tell_business(premises: Premises, template: str, **context) -> None:
    """Email the decision to every business user who manages the premises."""
    for user in managers_of(premises.id):
        queue_email(user.email, template, premises_id=premises.id, user=user, premises=premises, **context)


def tell_officers(premises: Premises, template: str, **context) -> None:
    for officer in officers_for_area(premises.area_id):
        queue_email(officer.email, template, premises_id=premises.id, officer=officer, premises=premises, **context)
