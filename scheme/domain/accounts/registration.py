"""Business self-registration, email confirmation and forgotten passwords."""

from dataclasses import dataclass

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

__all__ = ["EmailTaken", "register", "register_business_user", "confirm_email", "send_confirmation",
           "request_password_reset", "user_for_reset", "reset_password", "LinkInvalid"]


def _confirmation_link(user: User, next_path: str | None = None) -> str:
    token = tokens.signer().make(tokens.CONFIRM_EMAIL, {"u": user.id, "e": user.email})
    if next_path:
        return external_url("account.confirm_email", token=token, next=next_path)
    return external_url("account.confirm_email", token=token)


def _queue_confirmation(user: User, next_path: str | None = None) -> None:
    queue_email(user.email, "confirm_email", user=user, link=_confirmation_link(user, next_path))


@service
def register_business_user(*, name: str, email: str, password: str, next_path: str | None = None) -> User:
    """A new business account, not yet confirmed; the confirmation email goes with it."""
    check_password_rules(password, (name, email))
    if find_user_by_email(email):
        raise EmailTaken("An account with this email address already exists. Sign in, or reset your password")
    user = User(email=normalise_email(email), name=name.strip(), password_hash=hash_password(password),
                role=Role.BUSINESS, email_confirmed_at=None)
    db.session.add(user)
    db.session.flush()
    audit_log.record(user, "user.registered", subject=f"user:{user.id}", details=user.email)
    _queue_confirmation(user, next_path)
    return user


@service
def register(*, name: str, email: str, password: str, next_path: str | None = None) -> None:
    """Register a business account, answering alike whether or not the address has one.

    A new address gets its account and a confirmation link; an address that has an account
    gets a notice saying someone tried. Either way one password is hashed and one email
    queued, so neither the page nor the time it takes tells which addresses have accounts.
    """
    check_password_rules(password, (name, email))
    existing = find_user_by_email(email)
    if existing is None:
        register_business_user(name=name, email=email, password=password, next_path=next_path)
        return
    hash_password(password)  # the work a new account costs, so both answers take as long
    queue_email(existing.email, "registration_attempt", user=existing,
                sign_in_link=external_url("account.sign_in"), reset_link=external_url("account.forgotten_password"))
    audit_log.record(None, "user.registration_attempted", subject=f"user:{existing.id}")


@service
def send_confirmation(email: str) -> None:
    """Send a new confirmation link, when the address belongs to an unconfirmed account.

    Says nothing either way, so the page cannot be used to find out who has an account; any
    other address gets a notice that there is nothing to confirm.
    """
    user = find_user_by_email(email)
    if user is not None and user.active and user.email_confirmed_at is None:
        _queue_confirmation(user)
    else:
        # One email whatever the address, so the time taken tells nobody which it was.
        queue_email(normalise_email(email), "confirmation_not_needed", sign_in_link=external_url("account.sign_in"),
                    register_link=external_url("account.register"))


@dataclass(frozen=True)
class Confirmation:
    user: User
    first_time: bool  # the link's first use: it may sign the person in (see the view)


@service
def confirm_email(token: str) -> Confirmation:
    payload = tokens.signer().read(tokens.CONFIRM_EMAIL, token)
    user = get_user(payload.get("u", 0)) if isinstance(payload.get("u"), int) else None
    # The address is in the link, so a link sent to an old address cannot confirm a new one.
    if user is None or user.email != payload.get("e"):
        raise LinkInvalid("This link is not valid")
    first_time = user.email_confirmed_at is None
    if first_time:
        user.email_confirmed_at = utcnow()
        audit_log.record(user, "user.email_confirmed", subject=f"user:{user.id}")
    return Confirmation(user=user, first_time=first_time)


@service
def request_password_reset(email: str) -> None:
    """Email a reset link when the address has an active account, and otherwise a notice
    that there is none: one email either way, so the time taken tells nobody which it was."""
    user = find_user_by_email(email)
    if user is None or not user.active:
        queue_email(normalise_email(email), "reset_without_account", register_link=external_url("account.register"))
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
