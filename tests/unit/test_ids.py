import pytest

from scheme.ids import MAX_ID, coerce_id, parse_id


@pytest.mark.parametrize("text, expected", [
    ("1", 1), ("0", 0), ("007", 7), (str(MAX_ID), MAX_ID), (42, 42),
    (str(MAX_ID + 1), None), ("9223372036854775808", None), ("1" * 4000, None),
    ("²", None), ("١٢", None), ("𝟙", None), ("-1", None), ("+1", None), (" 1", None), ("1.0", None),
    ("", None), (None, None), (True, None), (-5, None), (["1"], None),
])
def test_only_ascii_digits_within_the_integer_range_are_ids(text, expected):
    assert parse_id(text) == expected


def test_coerce_id_refuses_what_is_not_an_id():
    assert coerce_id("12") == 12
    with pytest.raises(ValueError):
        coerce_id("2147483648")
