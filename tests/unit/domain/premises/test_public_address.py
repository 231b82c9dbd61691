import pytest

from scheme.domain.premises.public_address import outward_code, public_address

STREET = ("27 Coldnailhurst Avenue", "Flat 2", "Braintree", "CM7 5PY")


@pytest.mark.parametrize("postcode, outward", [
    ("CM7 5PY", "CM7"), ("cm77 8gd", "CM77"), ("SW1A 1AA", "SW1A"), ("EC1A1BB", "EC1A"), ("", ""),
])
def test_the_outward_code_is_the_postcode_before_its_last_three_characters(postcode, outward):
    assert outward_code(postcode) == outward


def test_a_home_based_business_shows_only_its_outward_postcode():
    assert public_address(*STREET, home_based=True, show_home_address=False) == "CM7"


def test_a_home_based_business_that_chose_to_show_its_address_shows_all_of_it():
    assert public_address(*STREET, home_based=True, show_home_address=True) == \
        "27 Coldnailhurst Avenue, Flat 2, Braintree, CM7 5PY"


@pytest.mark.parametrize("show", [True, False])
def test_a_premises_not_run_from_home_shows_its_address_whatever_the_choice(show):
    assert public_address("1 High Street", "", "Braintree", "CM7 1JX", home_based=False,
                          show_home_address=show) == "1 High Street, Braintree, CM7 1JX"
