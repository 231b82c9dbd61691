"""Signing in: the password, then (for officers and admins) a second factor, with a lock on
an account that has had too many wrong guesses in a row.

The lock is counted on the account, not the address a guess comes from, so guesses spread
over many addresses are stopped too. It ends by itself after a while, and at once when the
owner sets a new password; the owner is emailed when it starts. While an account is locked
the sign-in page answers as it does for a wrong password, so it says nothing about which
addresses have accounts, and nothing about the lock to someone who is guessing.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from scheme.domain import audit_log
from scheme.domain.accounts.passwords import verify_dummy, verify_password
from scheme.domain.accounts.users import find_user_by_email, get_user
from scheme.domain.mail import queue_email
from scheme.domain.transaction import service
from scheme.models import User


@dataclass(frozen=True)
class LockRule:
    after: int  # wrong guesses in a row
    minutes: int

    @classmethod
    def from_config(cls, config) -> "LockRule":
        return cls(after=config["SIGN_IN_LOCK_AFTER"], minutes=config["SIGN_IN_LOCK_MINUTES"])


def _aware(moment: datetime | None) -> datetime | None:
    # SQLite gives back naive datetimes for timezone-aware columns; they were written in UTC.
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment


def is_locked(user: User, now: datetime) -> bool:
    locked_until = _aware(user.locked_until)
    return locked_until is not None and locked_until > now


def needs_second_factor(user: User) -> bool:
    """Officers and admins can mark any premises accredited: a password alone is not enough."""
    return user.role.is_staff


def record_failure(user: User, now: datetime, rule: LockRule) -> None:
    """Count a wrong password or code; lock the account (and tell its owner) at the limit."""
    if is_locked(user, now):
        return
    user.failed_sign_ins += 1
    if user.failed_sign_ins >= rule.after:
        user.locked_until = now + timedelta(minutes=rule.minutes)
        user.failed_sign_ins = 0
        queue_email(user.email, "account_locked", user=user, attempts=rule.after, minutes=rule.minutes)
        audit_log.record(None, "user.locked", subject=f"user:{user.id}",
                         details=f"{rule.after} wrong attempts in a row; locked for {rule.minutes} minutes")


@service
def check_password(email: str, password: str, *, now: datetime, rule: LockRule) -> User | None:
    """The user whose email and password these are, when the account may sign in now;
    otherwise None (and a wrong password counts towards the lock). Each answer takes as long."""
    user = find_user_by_email(email)
    if user is None:
        verify_dummy(password)
        return None
    right = verify_password(user.password_hash, password)
    if is_locked(user, now) or not user.active:
        return None
    if not right:
        record_failure(user, now, rule)
        return None
    if not needs_second_factor(user):
        signed_in(user)
    return user


def signed_in(user: User) -> None:
    """The user has passed every check: the count of wrong guesses starts again."""
    user.failed_sign_ins = 0
    audit_log.record(user, "user.signed_in", subject=f"user:{user.id}")


def pending_user(user_id: int, session_version: int) -> User | None:
    """The user a half-finished sign-in is for, while nothing has changed about the account."""
    user = get_user(user_id)
    if user is None or not user.active or user.session_version != session_version:
        return None
    return user


@service
def sign_out(user: User) -> None:
    """End every session of the account: a copy of the session cookie stops working too."""
    user.session_version += 1
    audit_log.record(user, "user.signed_out", subject=f"user:{user.id}")
