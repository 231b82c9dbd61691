from scheme.enums import ApplicationStatus, JobRole
from tests import factories
from tests.pages import get_page, text_of


def test_business_user_sees_the_staff_of_their_own_premises(app, business_client, business_user):
    premises = factories.make_premises(owner=business_user)
    factories.make_staff(premises, name="Dee Lead", job_role=JobRole.MANAGER, is_safeguarding_lead=True)
    page = get_page(business_client, f"/business/premises/{premises.id}/training")
    assert "Dee Lead" in text_of(page) and "Safeguarding lead" in text_of(page)


def test_someone_elses_premises_is_403_and_a_missing_one_404(app, business_client):
    other = factories.make_premises(owner=factories.make_user(), status=ApplicationStatus.MEMBER)
    get_page(business_client, f"/business/premises/{other.id}/training", status=403)
    get_page(business_client, "/business/premises/999999/training", status=404)


def test_officers_see_any_premises(app, officer_client):
    premises = factories.make_premises(owner=factories.make_user())
    get_page(officer_client, f"/business/premises/{premises.id}/training")
