"""Two-factor sign-in for officers and admins: time-based codes (TOTP, RFC 6238) from any
standard authenticator app, once-only recovery codes, and a reset by an administrator.

The secret is made when the set-up page is first shown and kept, so reloading the page shows
the same one; it counts only once a code made from it has been entered. Recovery codes are
random (50 bits each), so a plain SHA-256 of each is enough to keep them useless if read.
"""

import hashlib
import hmac
import secrets
from datetime import datetime

import pyotp

from scheme.domain import audit_log
from scheme.domain.access import require_admin
from scheme.domain.accounts.sign_in import LockRule, is_locked, record_failure, signed_in
from scheme.domain.certificates.printing import qr_svg
from scheme.domain.errors import InvalidState
from scheme.domain.mail import queue_email
from scheme.domain.transaction import service
from scheme.extensions import db
from scheme.models import RecoveryCode, User
from scheme.models.base import utcnow

ISSUER = "Spot It Stop It"
RECOVERY_CODE_COUNT = 10
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread
STEP_SECONDS = 30


def is_set_up(user: User) -> bool:
    return user.two_factor_enabled_at is not None and user.totp_secret is not None


@service
def secret_for_set_up(user: User) -> str:
    """The secret to show on the set-up page (made the first time it is asked for)."""
    if is_set_up(user):
        raise InvalidState("Two-factor sign-in is already set up for this account")
    if user.totp_secret is None:
        user.totp_secret = pyotp.random_base32()
    return user.totp_secret


def secret_in_groups(secret: str) -> str:
    """The secret as people type it: groups of four letters."""
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def provisioning_uri(user: User, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def qr_code_svg(user: User, secret: str) -> str:
    svg = qr_svg(provisioning_uri(user, secret))
    # Sized here (attributes, not styles): the page's stylesheet has no rule for it.
    return svg.replace('role="img"', 'role="img" width="192" height="192" '
                       'aria-label="QR code for your authenticator app"', 1)


def _clean(code: str) -> str:
    return "".join(ch for ch in (code or "").lower() if ch.isascii() and ch.isalnum())


def _accepted_step(secret: str, code: str, last_step: int | None, now: datetime) -> int | None:
    """The time step the code belongs to (this one or either neighbour, for a slow phone
    clock), unless it is not a code from this secret or a step already used."""
    if len(code) != 6 or not code.isdigit():
        return None
    totp = pyotp.TOTP(secret)
    step = int(now.timestamp()) // STEP_SECONDS
    for candidate in (step - 1, step, step + 1):
        if last_step is not None and candidate <= last_step:
            continue
        if hmac.compare_digest(totp.generate_otp(candidate), code):
            return candidate
    return None


def _hash_recovery_code(code: str) -> str:
    return hashlib.sha256(_clean(code).encode()).hexdigest()


def _new_recovery_codes(user: User) -> list[str]:
    db.session.execute(db.delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = []
    for _ in range(RECOVERY_CODE_COUNT):
        raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(10))
        codes.append(f"{raw[:5]}-{raw[5:]}")
        db.session.add(RecoveryCode(user_id=user.id, code_hash=_hash_recovery_code(raw)))
    return codes


@service
def finish_set_up(user: User, code: str, *, now: datetime, rule: LockRule) -> list[str] | None:
    """Turn two-factor sign-in on, when the code comes from the secret shown; returns the
    recovery codes (shown once, kept only as hashes), or None for a wrong code."""
    if is_set_up(user) or user.totp_secret is None:
        raise InvalidState("Two-factor sign-in is already set up for this account")
    if is_locked(user, now):
        return None
    step = _accepted_step(user.totp_secret, _clean(code), user.totp_last_step, now)
    if step is None:
        record_failure(user, now, rule)
        return None
    user.totp_last_step = step
    user.two_factor_enabled_at = utcnow()
    codes = _new_recovery_codes(user)
    audit_log.record(user, "user.two_factor_set_up", subject=f"user:{user.id}")
    signed_in(user)
    return codes


def _use_recovery_code(user: User, code: str) -> bool:
    found = db.session.scalar(db.select(RecoveryCode).where(
        RecoveryCode.user_id == user.id, RecoveryCode.code_hash == _hash_recovery_code(code),
        RecoveryCode.used_at.is_(None)))
    if found is None:
        return False
    found.used_at = utcnow()
    audit_log.record(user, "user.recovery_code_used", subject=f"user:{user.id}")
    return True


@service
def check_code(user: User, code: str, *, now: datetime, rule: LockRule) -> bool:
    """Whether the code (from the app, or a recovery code) completes the user's sign-in.
    Each code works once; a wrong one counts towards the lock, as a wrong password does."""
    if not is_set_up(user) or is_locked(user, now):
        return False
    cleaned = _clean(code)
    step = _accepted_step(user.totp_secret, cleaned, user.totp_last_step, now)
    if step is not None:
        user.totp_last_step = step
    elif len(cleaned) != 10 or not _use_recovery_code(user, cleaned):
        record_failure(user, now, rule)
        return False
    signed_in(user)
    return True


def recovery_codes_left(user: User) -> int:
    return db.session.scalar(db.select(db.func.count(RecoveryCode.id)).where(
        RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None)))


@service
def replace_recovery_codes(user: User) -> list[str]:
    """A new set of recovery codes for a signed-in user; the old ones stop working."""
    if not is_set_up(user):
        raise InvalidState("Set up two-factor sign-in first")
    codes = _new_recovery_codes(user)
    audit_log.record(user, "user.recovery_codes_replaced", subject=f"user:{user.id}")
    return codes


@service
def set_up_for_demo(user: User) -> str:
    """The demo's staff accounts come with two-factor sign-in on, and their key printed beside
    their sign-in, so a newcomer adds it to any authenticator app. Returns the key."""
    if not is_set_up(user):
        user.totp_secret = pyotp.random_base32()
        user.two_factor_enabled_at = utcnow()
        audit_log.record(user, "user.two_factor_set_up", subject=f"user:{user.id}", details="demo account")
    return user.totp_secret


@service
def reset(admin: User, user: User) -> User:
    """For someone who lost their phone and their recovery codes: they set two-factor sign-in
    up again when they next sign in. Every session of theirs ends."""
    require_admin(admin)
    user.totp_secret = None
    user.two_factor_enabled_at = None
    user.totp_last_step = None
    user.session_version += 1
    db.session.execute(db.delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    queue_email(user.email, "two_factor_reset", user=user, admin=admin)
    audit_log.record(admin, "user.two_factor_reset", subject=f"user:{user.id}", details=user.email)
    return user
