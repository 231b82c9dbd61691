import pytest

from scheme.domain.premises.postcodes import InvalidPostcode, normalise_postcode


@pytest.mark.parametrize(
    ("typed", "normalised"),
    [
        ("cm7 3yl", "CM7 3YL"),
        ("CM73YL", "CM7 3YL"),
        ("  cm77   8gd ", "CM77 8GD"),
        ("sw1a 1aa", "SW1A 1AA"),  # AA9A
        ("w1a0ax", "W1A 0AX"),  # A9A
        ("m1 1ae", "M1 1AE"),  # A9
        ("b33 8th", "B33 8TH"),  # A99
        ("cr2 6xh", "CR2 6XH"),  # AA9
        ("dn55 1pt", "DN55 1PT"),  # AA99
        ("gir 0aa", "GIR 0AA"),
    ],
)
def test_uk_postcodes_are_normalised(typed, normalised):
    assert normalise_postcode(typed) == normalised


@pytest.mark.parametrize("typed", ["", "   ", "CM7", "3YL", "CM7 3Y", "CM7 33L", "12345", "CM7 3YLL", "C-M7 3YL", "ZZZZ 1AA"])
def test_other_text_is_not_a_postcode(typed):
    with pytest.raises(InvalidPostcode, match="Enter a real postcode"):
        normalise_postcode(typed)
