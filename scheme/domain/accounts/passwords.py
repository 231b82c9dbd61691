"""Password hashing (argon2id, memory-hard) and the password rules."""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH = 10
MAX_LENGTH = 256

# The commonest passwords of at least MIN_LENGTH characters in public breach lists; a short
# list catches what people really type, and the length rule does the rest.
COMMON_PASSWORDS = frozenset(
    """
    1234567890 12345678910 0123456789 1234567891 0987654321 1111111111 0000000000 1q2w3e4r5t
    qwertyuiop 1qaz2wsx3edc password12 password123 password1234 passw0rd123 iloveyou12
    qwerty1234 qwerty12345 qwerty123456 abcdefghij abc1234567 abcd123456 football123
    monkey1234 letmein123 welcome123 welcome1234 sunshine12 princess12 liverpool1 arsenal123
    chelsea123 manchester qwertyuiop1 1234qwerty 123456789a a123456789 12345678a 123123123123
    987654321a 5555555555 9999999999 7777777777 1212121212 asdfghjkl1 zxcvbnm123 changeme123
    administrator superman12 trustno1234 baseball12 computer12 michael123 charlie123
    spotitstopit braintree1 galleyscorner password!1 password01 p@ssword123 passwordpassword
    """.split()
)


def problem_with(password: str) -> str | None:
    """The GOV.UK-style message for a password that breaks a rule, or None when it is fine."""
    if len(password) < MIN_LENGTH:
        return f"Password must be {MIN_LENGTH} characters or more"
    if len(password) > MAX_LENGTH:
        return f"Password must be {MAX_LENGTH} characters or fewer"
    if password.lower() in COMMON_PASSWORDS or len(set(password)) <= 2:
        return "Password is too easy to guess: choose one that is not a common password"
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
