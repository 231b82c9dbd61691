"""Finding premises, and who may see them."""

from scheme.domain.errors import NotAllowed
from scheme.domain.lookup import get_or_not_found
from scheme.extensions import db
from scheme.models import Premises, PremisesMember, User


def premises_for(user: User, premises_id: int) -> Premises:
    """The premises, when this user may see it: officers and admins see all premises, a
    business user only those they belong to (404 when it does not exist, 403 when it is
    someone else's)."""
    premises = get_or_not_found(Premises, premises_id, "There is no such premises")
    if user.role.is_staff:
        return premises
    if not is_member(user, premises_id):
        raise NotAllowed("This premises is managed by another account")
    return premises


def is_member(user: User, premises_id: int) -> bool:
    return db.session.get(PremisesMember, (premises_id, user.id)) is not None


def premises_of(user: User) -> list[Premises]:
    return list(db.session.scalars(
        db.select(Premises).join(PremisesMember).where(PremisesMember.user_id == user.id).order_by(Premises.name)
    ))
