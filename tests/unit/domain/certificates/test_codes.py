import pytest

from scheme.domain.certificates.codes import (
    CODE_ALPHABET,
    format_number,
    is_certificate_number,
    new_public_code,
    normalise_code,
)


def test_public_codes_are_8_crockford_characters_and_differ():
    codes = {new_public_code() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(len(code) == 8 and set(code) <= set(CODE_ALPHABET) for code in codes)
    assert len(CODE_ALPHABET) ** 8 >= 2 ** 40


@pytest.mark.parametrize(("typed", "expected"), [
    ("ABCD1234", "ABCD1234"),
    ("abcd1234", "ABCD1234"),
    ("ABCD-1234", "ABCD1234"),
    (" abcd 1234 ", "ABCD1234"),
    ("OBCD1234", "0BCD1234"),  # O typed for zero
    ("ABCDI23L", "ABCD1231"),  # I and L typed for one
    ("ABCD123", None),
    ("ABCD12345", None),
    ("ABCDU234", None),  # U is not in the alphabet
    ("ABCD!234", None),
    ("A" * 1000, None),
])
def test_typed_codes_are_normalised_or_refused(typed, expected):
    assert normalise_code(typed) == expected


def test_numbers_are_padded_per_year():
    assert format_number(2026, 42) == "SISI-2026-00042"


@pytest.mark.parametrize("typed", ["SISI-2026-00042", " sisi 2026 42 ", "SISI202600042"])
def test_a_typed_certificate_number_is_told_from_a_code(typed):
    assert is_certificate_number(typed)


@pytest.mark.parametrize("typed", ["7KQ2-M9XD", "SISI2026", "SISI-26-00042", "ABCD-2026-00042"])
def test_a_code_is_not_taken_for_a_certificate_number(typed):
    assert not is_certificate_number(typed)
