"""A home-based business's street is on no public surface: the page behind the sticker, the
sticker and the certificate PDFs show its outward postcode; officers see the whole address."""

import subprocess
import tempfile
from datetime import date

import pytest

from scheme.domain.certificates import printing
from scheme.domain.premises import applications
from tests.integration.certificates.conftest import BASE_URL, issue, make_eligible_premises
from tests.pages import get_page, post_page, text_of

STREET = "27 Coldnailhurst Avenue"


def pdf_text(pdf: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        return subprocess.run(["pdftotext", file.name, "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def home_based_certificate(app, business_user):
    premises = make_eligible_premises(business_user, trading_name="Dunn's Private Hire", address_line_1=STREET,
                                      postcode="CM7 5PY", home_based=True)
    return issue(premises, on=date.today())


def test_the_public_page_and_both_pdfs_show_the_outward_postcode_not_the_street(client, home_based_certificate):
    page = text_of(get_page(client, f"/v/{home_based_certificate.public_code}"))
    sticker = pdf_text(printing.sticker_pdf(home_based_certificate, BASE_URL, "1"))
    a4 = pdf_text(printing.certificate_pdf(home_based_certificate, BASE_URL))
    for text in (page, sticker, a4):
        assert "Dunn's Private Hire" in text
        assert "CM7" in text
        assert STREET not in text and "5PY" not in text and "Coldnailhurst" not in text


def test_officers_see_the_whole_address(officer_client, home_based_certificate):
    page = text_of(get_page(officer_client, f"/officer/premises/{home_based_certificate.premises_id}"))
    assert STREET in page and "CM7 5PY" in page


def test_the_business_can_choose_to_show_its_full_address_and_change_its_mind(client, business_client,
                                                                              business_user, home_based_certificate):
    url = f"/business/premises/{home_based_certificate.premises_id}/public-address"
    assert "Only the first half of the postcode" in text_of(get_page(business_client, url))
    post_page(business_client, url, {"show_home_address": "yes"})
    assert STREET in text_of(get_page(client, f"/v/{home_based_certificate.public_code}"))

    post_page(business_client, url, {"show_home_address": "no"})
    assert STREET not in text_of(get_page(client, f"/v/{home_based_certificate.public_code}"))


def test_the_choice_must_be_made(business_client, home_based_certificate):
    url = f"/business/premises/{home_based_certificate.premises_id}/public-address"
    page = post_page(business_client, url, {})
    assert "Select what the public should see of your address" in text_of(page)


def test_a_premises_not_run_from_home_has_no_choice_to_make(business_user, app):
    premises = make_eligible_premises(business_user)
    with pytest.raises(applications.InvalidState):
        applications.choose_public_address(business_user, premises.id, show_home_address=False)
