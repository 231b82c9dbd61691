"""Business self-registration, email confirmation and forgotten passwords."""

from scheme.domain import audit_log
from scheme.domain.accounts import tokens
from scheme.domain.accounts.passwords import hash_password
from scheme.domain.accounts.tokens import LinkInvalid
from scheme.domain.accounts.users import (
    EmailTaken,
    check_password_rules,
    find_user_by_email,
    get_user,
    normalise_email,
    set_password,
    user_from_link,
)
from scheme.domain.links import external_url
from scheme.domain.mail import queue_email
from scheme.domain.transaction import service
from scheme.enums import Role
from scheme.extensions import db
from scheme.models import User
from scheme.models.base import utcnow

__all__ = ["EmailTaken", "register_business_user", "confirm_email", "send_confirmation",
           "request_password_reset", "user_for_reset", "reset_password", "LinkInvalid"]


def _confirmation_link(user: User) -> str:
    token = tokens.signer().make(tokens.CONFIRM_EMAIL, {"u": user.id, "e": user.email})
    return external_url("account.confirm_email", token=token)


def _queue_confirmation(user: User) -> None:
    queue_email(user.email, "confirm_email", user=user, link=_confirmation_link(user))


@service
def register_business_user(*, name: str, email: str, password: str) -> User:
    """A new business account, not yet confirmed; the confirmation email goes with it."""
    check_password_rules(password)
    if find_user_by_email(email):
        raise EmailTaken("An account with this email address already exists. Sign in, or reset your password")
    user = User(email=normalise_email(email), name=name.strip(), password_hash=hash_password(password),
                role=Role.BUSINESS, email_confirmed_at=None)
    db.session.add(user)
    db.session.flush()
    audit_log.record(user, "user.registered", subject=f"user:{user.id}", details=user.email)
    _queue_confirmation(user)
    return user


@service
def send_confirmation(email: str) -> None:
    """Send a new confirmation link, when the address belongs to an unconfirmed account.

    Says nothing either way, so the page cannot be used to find out who has an account.
    """
    user = find_user_by_email(email)
    if user is not None and user.active and user.email_confirmed_at is None:
        _queue_confirmation(user)


@service
def confirm_email(token: str) -> User:
    payload = tokens.signer().read(tokens.CONFIRM_EMAIL, token)
    user = get_user(payload.get("u", 0)) if isinstance(payload.get("u"), int) else None
    # The address is in the link, so a link sent to an old address cannot confirm a new one.
    if user is None or user.email != payload.get("e"):
        raise LinkInvalid("This link is not valid")
    if user.email_confirmed_at is None:
        user.email_confirmed_at = utcnow()
        audit_log.record(user, "user.email_confirmed", subject=f"user:{user.id}")
    return user


@service
def request_password_reset(email: str) -> None:
    """Email a reset link when the address has an active account; silent otherwise."""
    user = find_user_by_email(email)
    if user is None or not user.active:
        return
    token = tokens.signer().make(tokens.RESET_PASSWORD, {"u": user.id, "v": user.session_version})
    queue_email(user.email, "reset_password", user=user, link=external_url("account.reset_password", token=token))
    audit_log.record(user, "user.password_reset_requested", subject=f"user:{user.id}")


def user_for_reset(token: str) -> User:
    """The user a reset link is for, while it is unused and unexpired; raises LinkProblem."""
    # Using the link (or any password change) bumps session_version, so each link works once.
    return user_from_link(tokens.RESET_PASSWORD, token,
                          used="This link has already been used, or a newer one has been sent")


@service
def reset_password(token: str, new_password: str) -> User:
    user = user_for_reset(token)
    set_password(user, new_password)
    # Following a link sent to the address proves the person can read mail sent there.
    if user.email_confirmed_at is None:
        user.email_confirmed_at = utcnow()
    audit_log.record(user, "user.password_reset", subject=f"user:{user.id}")
    return user
