"""Password hashing (argon2id, memory-hard) and the password rules."""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from zxcvbn import zxcvbn

MIN_LENGTH = 10
MAX_LENGTH = 256

# NCSC guidance: length over complexity, and a deny-list rather than rules about symbols. The
# deny-list is zxcvbn's: it estimates how many guesses a password takes against its lists of
# the commonest passwords, words, names and keyboard patterns (so "password123!" and
# "iloveyou123" are refused while "swan and anchor 1887" is fine). A password made from the
# person's own name or email address is refused too.
ENOUGH_GUESSES_SCORE = 3  # zxcvbn's scale: 3 is "safely unguessable", about 10^8 guesses
_CHECKED_LENGTH = 64  # zxcvbn slows with length; a longer password is long enough already
TOO_EASY = "Password is too easy to guess: choose one that is not a common password"
YOUR_DETAILS = "Password must not contain your name or email address"


def _letters(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def _personal_parts(personal: tuple[str, ...]) -> set[str]:
    """The pieces of someone's details a password must not be built from."""
    parts = set()
    for detail in personal:
        detail = (detail or "").strip().lower()
        if not detail:
            continue
        parts.add(_letters(detail))
        local, _, domain = detail.partition("@")
        parts.add(_letters(local))
        parts.update(_letters(word) for word in local.replace(".", " ").replace("_", " ").split())
        parts.update(_letters(word) for word in detail.split() if "@" not in word)
    return {part for part in parts if len(part) >= 4}


def problem_with(password: str, personal: tuple[str, ...] = ()) -> str | None:
    """The GOV.UK-style message for a password that breaks a rule, or None when it is fine.

    personal: the person's name and email address, when known.
    """
    if len(password) < MIN_LENGTH:
        return f"Password must be {MIN_LENGTH} characters or more"
    if len(password) > MAX_LENGTH:
        return f"Password must be {MAX_LENGTH} characters or fewer"
    letters = _letters(password)
    parts = _personal_parts(personal)
    if any(part in letters for part in parts):
        # Removing the person's details from the password must leave a password of its own.
        remainder = letters
        for part in sorted(parts, key=len, reverse=True):
            remainder = remainder.replace(part, "")
        if len(remainder) < MIN_LENGTH:
            return YOUR_DETAILS
    if zxcvbn(password[:_CHECKED_LENGTH], user_inputs=sorted(parts))["score"] < ENOUGH_GUESSES_SCORE:
        return TOO_EASY
    return None


_hasher = PasswordHasher()


def use_cheap_hashing_for_tests() -> None:
    global _hasher
    _hasher = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


# Verified against when the email is unknown, so both failures take the same time.
_DUMMY_HASH = PasswordHasher().hash("not a real password, used to even out timing")


def verify_dummy(password: str) -> None:
    verify_password(_DUMMY_HASH, password)
