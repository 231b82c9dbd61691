"""Users: creating them, signing in, changing passwords."""

import sqlalchemy as sa

from scheme.domain import audit_log
from scheme.domain.accounts.passwords import (
    hash_password,
    problem_with,
    verify_dummy,
    verify_password,
)
from scheme.domain.errors import DomainError
from scheme.domain.transaction import service
from scheme.enums import Role
from scheme.extensions import db
from scheme.models import User
from scheme.models.base import utcnow


class WeakPassword(DomainError):
    pass


class EmailTaken(DomainError):
    pass


def normalise_email(email: str) -> str:
    return email.strip().lower()


def get_user(user_id: int) -> User | None:
    return db.session.get(User, user_id)


_COLUMNS = frozenset(sa.inspect(User).column_attrs.keys())


def loaded(user):
    """The signed-in user, its columns loaded again if a refused change rolled back (which
    expires every row in the session), so that the page's layout reads it without a query."""
    if isinstance(user, User) and sa.inspect(user).expired_attributes & _COLUMNS:
        db.session.refresh(user)
    return user


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(db.select(User).where(User.email == normalise_email(email)))


def check_password_rules(password: str, personal: tuple[str, ...] = ()) -> None:
    """Raise WeakPassword when the password breaks a rule; personal: the person's name and email."""
    problem = problem_with(password, personal)
    if problem:
        raise WeakPassword(problem)


@service
def create_user(*, email: str, name: str, password: str, role: Role, actor: User | None = None,
                email_confirmed: bool = True) -> User:
    check_password_rules(password, (name, email))
    if find_user_by_email(email):
        raise EmailTaken("An account with this email address already exists")
    user = User(
        email=normalise_email(email),
        name=name.strip(),
        password_hash=hash_password(password),
        role=role,
        email_confirmed_at=utcnow() if email_confirmed else None,
    )
    db.session.add(user)
    db.session.flush()
    audit_log.record(actor, "user.created", subject=f"user:{user.id}", details=f"as {role.value}")
    return user


def authenticate(email: str, password: str) -> User | None:
    """The user, when the email and password match an active account; otherwise None.

    Wrong email and wrong password are indistinguishable to the caller, and take as long.
    """
    user = find_user_by_email(email)
    if user is None:
        verify_dummy(password)
        return None
    if not verify_password(user.password_hash, password) or not user.active:
        return None
    return user


def set_password(user: User, new_password: str) -> None:
    """Give the user a new password (if it keeps the rules). Bumping the session version
    signs out other sessions and spends any link that was signed with the old version."""
    check_password_rules(new_password, (user.name, user.email))
    user.password_hash = hash_password(new_password)
    user.session_version += 1
    # Whoever sets a new password (from a reset link, say) has no more need to wait out a lock.
    user.failed_sign_ins = 0
    user.locked_until = None


def user_from_link(purpose: str, token: str, *, used: str, max_age: int | None = None) -> User:
    """The active user a once-only link was signed for; LinkInvalid (saying `used`) once it is spent."""
    from scheme.domain.accounts import tokens

    payload = tokens.signer().read(purpose, token, max_age=max_age)
    user = get_user(payload["u"]) if isinstance(payload.get("u"), int) else None
    if user is None or not user.active or user.session_version != payload.get("v"):
        raise tokens.LinkInvalid(used)
    return user


@service
def change_password(user: User, current_password: str, new_password: str) -> None:
    if not verify_password(user.password_hash, current_password):
        raise DomainError("Your current password is incorrect")
    set_password(user, new_password)
    audit_log.record(user, "user.password_changed", subject=f"user:{user.id}")
