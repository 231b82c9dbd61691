import pytest

from scheme.domain.accounts.passwords import (
    hash_password,
    problem_with,
    verify_password,
)


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("short", "Password must be 10 characters or more"),
        ("a" * 257, "Password must be 256 characters or fewer"),
        ("password123", "Password is too easy to guess: choose one that is not a common password"),
        ("QWERTYUIOP", "Password is too easy to guess: choose one that is not a common password"),
        ("ababababab", "Password is too easy to guess: choose one that is not a common password"),
        ("x" * 256, "Password is too easy to guess: choose one that is not a common password"),
    ],
)
def test_bad_passwords_are_refused_with_a_clear_message(password, problem):
    assert problem_with(password) == problem


@pytest.mark.parametrize("password", ["correct horse battery", "a1b2c3d4e5", "ü" * 5 + "ß" * 5 + "x"])
def test_good_passwords_pass(password):
    assert problem_with(password) is None


def test_hash_verifies_only_the_same_password():
    hashed = hash_password("correct horse battery")
    assert hashed.startswith("$argon2id$")
    assert verify_password(hashed, "correct horse battery")
    assert not verify_password(hashed, "correct horse batterY")
    assert not verify_password("not a hash", "anything at all")
