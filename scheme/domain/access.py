"""Who may do what, in one place.

Officers and administrators may touch every premises; a business user only the premises they
belong to. Deciding applications, audit and test visits, closing actions and changing
certificates are for officers and administrators; administering the scheme is for
administrators. A deactivated account may do nothing (deactivating also signs it out).

The rules are plain functions of the user and the facts about the thing. The loaders below
them fetch a thing for a user, so a route (through its decorator in scheme.security) and a
service ask the same question: 404 when the thing does not exist, 403 when it is not theirs.
"""

from scheme.domain.errors import NotAllowed, NotFound
from scheme.domain.lookup import get_assessment, get_or_not_found, load_related
from scheme.enums import AssessmentKind, Role
from scheme.extensions import db
from scheme.models import (
    Action,
    Assessment,
    Certificate,
    EvidencePhoto,
    Premises,
    PremisesMember,
    TestVisitCheck,
    User,
)

# -- The rules --------------------------------------------------------------------------------

def is_staff(user: User) -> bool:
    return user.active and user.role.is_staff


def is_admin(user: User) -> bool:
    return user.active and user.role == Role.ADMIN


def is_business(user: User) -> bool:
    return user.active and user.role == Role.BUSINESS


def may_touch_premises(user: User, *, is_member: bool) -> bool:
    return is_staff(user) or (is_business(user) and is_member)


def require_staff(user: User, message: str = "Only officers and administrators can do this") -> None:
    if not is_staff(user):
        raise NotAllowed(message)


def require_admin(user: User, message: str = "Only administrators can do this") -> None:
    if not is_admin(user):
        raise NotAllowed(message)


def require_business(user: User, message: str) -> None:
    if not is_business(user):
        raise NotAllowed(message)


# -- Loading a thing for a user ---------------------------------------------------------------

def is_member(user: User, premises_id: int) -> bool:
    return db.session.get(PremisesMember, (premises_id, user.id)) is not None


def check_premises(user: User, premises_id: int) -> None:
    # Only a business user's membership matters, so only then is it looked up.
    member = is_business(user) and is_member(user, premises_id)
    if not may_touch_premises(user, is_member=member):
        raise NotAllowed("This premises is managed by another account")


def premises_for(user: User, premises_id: int) -> Premises:
    premises = get_or_not_found(Premises, premises_id, "There is no such premises")
    check_premises(user, premises_id)
    return premises


def certificate_for(user: User, certificate_id: int) -> Certificate:
    # Business users see their certificate through their premises' pages, never by its id.
    require_staff(user)
    certificate = get_or_not_found(Certificate, certificate_id, "There is no such certificate")
    return load_related(certificate, db.joinedload(Certificate.premises))  # its every page and PDF name it


def audit_visit_for(user: User, visit_id: int) -> Assessment:
    require_staff(user)
    return get_assessment(visit_id, AssessmentKind.AUDIT, "There is no such visit")


def test_visit_for(user: User, visit_id: int) -> Assessment:
    require_staff(user)
    visit = get_assessment(visit_id, AssessmentKind.TEST_VISIT, "There is no such test visit")
    # Its page lists them, each with the standard it tests.
    return load_related(visit, db.selectinload(Assessment.checks).joinedload(TestVisitCheck.standard))


def action_for(user: User, action_id: int) -> Action:
    action = db.session.scalar(db.select(Action).where(Action.id == action_id).options(
        # Its page links to each photo; their bytes are fetched one by one when shown.
        db.selectinload(Action.photos).load_only(EvidencePhoto.id, EvidencePhoto.action_id)))
    if action is None:
        raise NotFound("There is no such action")
    check_premises(user, action.premises_id)
    return action


def premises_of(user: User) -> list[Premises]:
    return list(db.session.scalars(
        db.select(Premises).join(PremisesMember).where(PremisesMember.user_id == user.id).order_by(Premises.name)
    ))
