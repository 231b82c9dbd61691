"""Areas' names compared folded, and postcode districts read from what an admin typed."""

import pytest

from scheme.domain.areas import InvalidDistrict, district_of, name_key, parse_districts


@pytest.mark.parametrize("spelling", ["Galley's Corner", "Galleys Corner", "galleys  corner", "GALLEY’S CORNER.",
                                      " Galley`s Corner "])
def test_spellings_of_one_area_fold_to_one_key(spelling):
    assert name_key(spelling) == "galleys corner"


def test_different_areas_stay_different():
    assert name_key("Leigh-on-Sea") == name_key("Leigh on Sea") == "leigh on sea"
    assert name_key("Witham North") != name_key("Witham South")
    assert name_key("...") == "" and name_key("") == ""


def test_districts_are_outward_codes_in_capitals_once_each_in_order():
    assert parse_districts("ss14, cm7\nSS14;CM77  w1a") == ["CM7", "CM77", "SS14", "W1A"]
    assert parse_districts("  ") == []


@pytest.mark.parametrize("typed", ["SS14 1AA", "14", "CM", "CM777", "S-S14"])
def test_what_is_not_a_district_is_named(typed):
    with pytest.raises(InvalidDistrict):
        parse_districts(typed)


def test_a_postcode_gives_its_district():
    assert district_of("ss14 1aa") == "SS14"
    assert district_of("CM77 8GD") == "CM77"
    assert district_of("not one") is None
