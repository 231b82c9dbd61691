"""Officers and administrators: invitations by email, deactivation and reactivation.

The scheme must always have an active administrator, so the last one cannot be deactivated.
"""

import secrets

from scheme.domain import audit_log
from scheme.domain.access import require_admin
from scheme.domain.accounts import tokens
from scheme.domain.accounts.passwords import hash_password
from scheme.domain.accounts.users import (
    EmailTaken,
    find_user_by_email,
    get_user,
    normalise_email,
    set_password,
    user_from_link,
)
from scheme.domain.errors import InvalidState, NotFound
from scheme.domain.links import external_url
from scheme.domain.mail import queue_email
from scheme.domain.transaction import service
from scheme.enums import STAFF_ROLES, Role
from scheme.extensions import db
from scheme.models import User
from scheme.models.base import utcnow

INVITE_STAFF = "invite-staff"
INVITE_MAX_AGE_SECONDS = 7 * 24 * 3600


def staff_users() -> list[User]:
    return list(db.session.scalars(
        db.select(User).where(User.role.in_(STAFF_ROLES)).order_by(User.active.desc(), User.name)))


def staff_user(user_id: int) -> User:
    user = get_user(user_id)
    if user is None or user.role not in STAFF_ROLES:
        raise NotFound("There is no such officer or administrator")
    return user


def _invitation_link(user: User) -> str:
    token = tokens.signer().make(INVITE_STAFF, {"u": user.id, "v": user.session_version})
    return external_url("account.accept_invitation", token=token)


@service
def invite(admin: User, *, email: str, name: str, role: Role) -> User:
    require_admin(admin)
    if role not in STAFF_ROLES:
        raise InvalidState("Invite officers and administrators only")
    if find_user_by_email(email):
        raise EmailTaken("An account with this email address already exists")
    # No one knows this password: the person sets their own through the invitation link.
    user = User(email=normalise_email(email), name=name.strip(), role=role,
                password_hash=hash_password(secrets.token_urlsafe(32)))
    db.session.add(user)
    db.session.flush()
    queue_email(user.email, "staff_invitation", user=user, inviter=admin, link=_invitation_link(user))
    audit_log.record(admin, "user.invited", subject=f"user:{user.id}", details=f"as {role.value}")
    return user


def user_for_invitation(token: str) -> User:
    return user_from_link(INVITE_STAFF, token, max_age=INVITE_MAX_AGE_SECONDS,
                          used="This invitation has already been used, or the account was deactivated")


@service
def accept_invitation(token: str, password: str) -> User:
    user = user_for_invitation(token)
    set_password(user, password)  # the link works once
    user.email_confirmed_at = user.email_confirmed_at or utcnow()
    audit_log.record(user, "user.invitation_accepted", subject=f"user:{user.id}")
    return user


def active_admin_count() -> int:
    return db.session.scalar(db.select(db.func.count(User.id)).where(User.role == Role.ADMIN, User.active.is_(True)))


@service
def set_active(admin: User, user_id: int, active: bool) -> User:
    require_admin(admin)
    user = staff_user(user_id)
    if not active and user.role == Role.ADMIN and user.active and active_admin_count() <= 1:
        raise InvalidState("This is the last active administrator: make someone else an administrator first")
    user.active = active
    if not active:
        user.session_version += 1  # signs them out everywhere
    audit_log.record(admin, "user.reactivated" if active else "user.deactivated", subject=f"user:{user.id}",
                 details=user.email)
    return user
