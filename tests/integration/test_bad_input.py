"""The kinds of bad input that once reached the database or a cast and got a 500, each
answered at its source (tests/integration/test_fuzz.py throws everything else at every form)."""

from datetime import date

import pytest
import sqlalchemy as sa

from scheme.enums import ApplicationStatus
from scheme.extensions import db
from scheme.models import StaffMember, TrainingSession
from tests import factories
from tests.pages import error_messages, post_page


@pytest.mark.parametrize("url", ["/officer/premises/2147483648", "/officer/premises/9223372036854775808",
                                 "/officer/premises/%C2%B2", "/officer/premises/%D9%A1",
                                 "/officer/certificates/99999999999999999999/suspend"])
def test_ids_out_of_range_or_in_other_digits_are_not_found(officer_client, url):
    assert officer_client.get(url).status_code == 404


@pytest.mark.parametrize("url", ["/officer/premises?q=%00", "/officer/premises?q=a%08b", "/check?code=%00"])
def test_control_characters_in_a_query_are_refused(officer_client, url):
    response = officer_client.get(url)
    assert response.status_code == 400
    assert "Sorry, there is a problem with that request" in response.get_data(as_text=True)


def test_control_characters_in_a_form_are_refused_and_nothing_is_saved(business_client):
    response = business_client.post("/business/premises/new", data={"name": "The\x00Inn"})
    assert response.status_code == 400


def test_a_job_role_that_is_not_a_choice_is_an_error_on_the_register(officer_client):
    module = factories.make_module(title="Briefing")
    premises = factories.make_premises(owner=factories.make_user(), status=ApplicationStatus.MEMBER)
    session = TrainingSession(module_id=module.id, held_on=date(2026, 3, 2), place="Town Hall", trainer="PC Jones")
    db.session.add(session)
    db.session.commit()
    page = post_page(officer_client, f"/officer/training-sessions/{session.id}", {
        "new_people-0-name": "Sam Stone", "new_people-0-premises_id": str(premises.id),
        "new_people-0-job_role": "bogus"})
    assert "Select the person's job role" in " ".join(error_messages(page))
    assert db.session.scalar(sa.select(sa.func.count()).select_from(StaffMember)) == 0


def test_a_module_asked_for_in_other_digits_is_ignored(business_client, business_user):
    premises = factories.make_premises(owner=business_user)
    person = factories.make_staff(premises)
    assert business_client.get(f"/business/staff/{person.id}/training/new?module=%C2%B2").status_code == 200
    assert business_client.get(f"/business/staff/{person.id}/training/new?module=99999999999").status_code == 200
