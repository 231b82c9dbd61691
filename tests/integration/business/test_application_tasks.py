"""Adding premises and completing each task of the application through the real pages."""
import pytest
from sqlalchemy.orm import selectinload

from scheme.domain.access import premises_of
from scheme.domain.premises.applications import Task, TaskStatus, application_for
from scheme.enums import Answer, PremisesType
from scheme.extensions import db
from scheme.models import Assessment, AuditLogEntry, Pledge
from tests import factories
from tests.factories import standards_of
from tests.pages import error_messages, get_page, post_page, text_of

BASE_DETAILS = {
    "name": "Kebab Corner Ltd", "trading_name": "Kebab Corner", "premises_type": "takeaway",
    "address_line_1": "2 Bank Street", "town": "Braintree", "postcode": "cm7 1ug",
    "phone": "01376 550123", "email": "", "staff_count": "4", "opening_hours": "5pm to 2am",
    "open_at_night": "yes", "home_based": "no",
}


@pytest.fixture
def braintree_town(app):
    return factories.area_id("Braintree Town", ("CM7",))


@pytest.fixture
def details(braintree_town):
    return {**BASE_DETAILS, "area": str(braintree_town)}




@pytest.mark.parametrize("phone", ["abc", "123", "01376 55012x", "0137655012345678"])
def test_a_phone_number_that_is_not_one_is_refused(details, business_client, standards, phone):
    page = post_page(business_client, "/business/premises/new", {**details, "phone": phone})
    assert "Enter a phone number, like 01376 552525 or 07700 900 982" in error_messages(page)
    assert page.find("input", attrs={"name": "phone"})["value"] == phone


def _statuses(user, premises_id):
    from datetime import date

    return application_for(user, premises_id, date.today()).statuses


def test_a_business_adds_premises_and_sees_its_task_list(details, business_client, business_user, standards):
    page = get_page(business_client, "/business/")
    assert "You have not added any premises yet" in text_of(page)
    page = post_page(business_client, "/business/premises/new", details)
    assert page.h1.get_text(strip=True) == "Application for Kebab Corner"
    [premises] = premises_of(business_user)
    assert premises.postcode == "CM7 1UG" and premises.premises_type == PremisesType.TAKEAWAY
    assert premises.open_at_night and not premises.home_based
    titles = [" ".join(li.get_text().split()) for li in page.select(".govuk-task-list__item")]
    assert titles[0].startswith("Premises details") and titles[0].endswith("Completed")
    assert titles[1].startswith("Safeguarding lead") and titles[1].endswith("Incomplete")
    assert titles[-1].startswith("Check your answers and submit") and "Cannot start yet" in titles[-1]
    staff_link = page.find("a", string=lambda s: s and "Staff and training" in s)
    assert staff_link["href"] == f"/business/premises/{premises.id}/training"
    home = get_page(business_client, "/business/")
    assert "Kebab Corner" in text_of(home) and "Draft" in text_of(home)


def test_premises_details_are_validated_with_govuk_messages_and_kept(details, business_client, business_user):
    bad = {**details, "name": "", "premises_type": "", "postcode": "CM7", "staff_count": "lots",
           "open_at_night": "", "email": "not-an-email"}
    page = post_page(business_client, "/business/premises/new", bad)
    assert error_messages(page) == [
        "Enter the name of the premises",
        "Select the type of premises",
        "Enter a real postcode, like CM7 3YL",
        "Enter an email address in the correct format, like name@example.com",
        "Number of staff must be a whole number, like 5",
        "Select yes if the premises is open at night",
    ]
    summary_links = [a["href"] for a in page.select(".govuk-error-summary__list a")]
    assert summary_links[0] == "#name" and page.find(id="name") is not None
    assert page.find("input", attrs={"name": "address_line_1"})["value"] == "2 Bank Street"
    assert page.find("input", attrs={"name": "postcode"})["value"] == "CM7"
    assert premises_of(business_user) == []


def test_each_task_saves_on_its_own(business_client, business_user, standards):
    premises = factories.make_premises(owner=business_user, premises_type=PremisesType.TAKEAWAY)
    base = f"/business/premises/{premises.id}"

    page = post_page(business_client, f"{base}/safeguarding-lead", {"name": "", "job_role": "", "phone": ""})
    assert error_messages(page) == ["Enter the safeguarding lead's full name", "Select the safeguarding lead's job role",
                                    "Enter the safeguarding lead's phone number"]
    post_page(business_client, f"{base}/safeguarding-lead",
              {"name": "Dee Lead", "job_role": "manager", "phone": "07700 900123", "email": "Dee@Example.com"})
    assert _statuses(business_user, premises.id)[Task.LEAD] == TaskStatus.COMPLETED
    assert _statuses(business_user, premises.id)[Task.STAFF] == TaskStatus.COMPLETED  # the lead counts
    assert premises.lead_email == "dee@example.com"
    page = get_page(business_client, f"{base}/safeguarding-lead")
    assert page.find("input", attrs={"name": "name"})["value"] == "Dee Lead"

    page = get_page(business_client, f"{base}/pledge")
    assert "S1" in text_of(page) and "S7" not in text_of(page)  # S7 is for hotels only
    post_page(business_client, f"{base}/pledge", {})
    [pledge] = db.session.scalars(db.select(Pledge).where(Pledge.premises_id == premises.id)).all()
    assert pledge.standards_version_id == standards.id and pledge.user_id == business_user.id
    assert "You pledged to these standards on" in text_of(get_page(business_client, f"{base}/pledge"))

    s1, s2, s7 = standards_of(standards)
    page = get_page(business_client, f"{base}/self-assessment")
    assert page.find("input", attrs={"name": f"answer_{s7.id}"}) is None
    post_page(business_client, f"{base}/self-assessment", {f"answer_{s1.id}": "not_met", f"note_{s1.id}": "From January"})
    assert _statuses(business_user, premises.id)[Task.SELF_ASSESSMENT] == TaskStatus.IN_PROGRESS
    page = get_page(business_client, f"{base}/self-assessment")
    assert page.find("input", attrs={"name": f"answer_{s1.id}", "value": "not_met"}).has_attr("checked")
    assert page.find("textarea", attrs={"name": f"note_{s1.id}"}).get_text().strip() == "From January"
    post_page(business_client, f"{base}/self-assessment", {f"answer_{s1.id}": "not_met", f"note_{s1.id}": "From January",
                                                           f"answer_{s2.id}": "not_applicable"})
    assert _statuses(business_user, premises.id)[Task.SELF_ASSESSMENT] == TaskStatus.COMPLETED
    assessment = db.session.scalar(db.select(Assessment).where(Assessment.premises_id == premises.id)
                                  .options(selectinload(Assessment.answers)))
    assert assessment.standards_version_id == standards.id
    assert {a.standard_id: a.answer for a in assessment.answers} == {s1.id: Answer.NOT_MET, s2.id: Answer.NOT_APPLICABLE}

    page = get_page(business_client, base)
    assert "Ready to submit" in text_of(page)
    actions = {entry.action for entry in db.session.scalars(
        db.select(AuditLogEntry).where(AuditLogEntry.premises_id == premises.id))}
    assert {"premises.lead_saved", "premises.pledged", "premises.self_assessment_saved"} <= actions


def test_an_answer_that_is_not_a_choice_is_refused(business_client, business_user, standards):
    premises = factories.make_premises(owner=business_user)
    s1 = standards_of(standards)[0]
    page = post_page(business_client, f"/business/premises/{premises.id}/self-assessment", {f"answer_{s1.id}": "maybe"})
    assert error_messages(page) == ["Select one of the options"]
    assert db.session.scalar(db.select(Assessment).where(Assessment.premises_id == premises.id)) is None


def test_details_can_be_changed_and_are_shown_on_check_your_answers(details, business_client, business_user, standards):
    premises = factories.make_premises(owner=business_user)
    page = get_page(business_client, f"/business/premises/{premises.id}/details")
    assert page.find("input", attrs={"name": "name"})["value"] == premises.name
    post_page(business_client, f"/business/premises/{premises.id}/details", {**details, "postcode": "cm7 3yl"})
    assert premises.postcode == "CM7 3YL" and premises.name == "Kebab Corner Ltd"
    page = get_page(business_client, f"/business/premises/{premises.id}/check-answers")
    assert "2 Bank Street, Braintree, CM7 3YL" in text_of(page)
    change = page.select(".govuk-summary-list__actions a")[0]
    assert change["href"] == f"/business/premises/{premises.id}/details"
    assert "Complete “Safeguarding lead”" in text_of(page)


def test_someone_elses_premises_is_403_and_a_missing_one_404_on_every_task(details, business_client, standards):
    other = factories.make_premises(owner=factories.make_user())
    for suffix in ("", "/details", "/safeguarding-lead", "/pledge", "/self-assessment", "/check-answers", "/invite"):
        get_page(business_client, f"/business/premises/{other.id}{suffix}", status=403)
        get_page(business_client, f"/business/premises/999999{suffix}", status=404)
    before = (other.name, other.status)
    post_page(business_client, f"/business/premises/{other.id}/details", details, status=403)
    post_page(business_client, f"/business/premises/{other.id}/pledge", {}, status=403)
    post_page(business_client, f"/business/premises/{other.id}/submit", {}, status=403)
    assert (other.name, other.status) == before
    assert db.session.scalar(db.select(Pledge).where(Pledge.premises_id == other.id)) is None


def test_a_colleagues_answer_saved_meanwhile_is_never_silently_overwritten(app, business_client, business_user,
                                                                           standards):
    from datetime import datetime, timezone

    from scheme.domain.premises.applications import save_self_assessment

    premises = factories.make_premises(owner=business_user)
    s1 = standards_of(standards)[0]
    form = get_page(business_client, f"/business/premises/{premises.id}/self-assessment")
    assert form.find("input", attrs={"name": f"revision_{s1.id}"})["value"] == "0"

    colleague = factories.make_user()
    db.session.add(factories.PremisesMember(premises_id=premises.id, user_id=colleague.id))
    db.session.commit()
    save_self_assessment(colleague, premises.id, {s1.id: (Answer.NOT_MET, "Poster on order")},
                         datetime.now(timezone.utc))

    page = post_page(business_client, f"/business/premises/{premises.id}/self-assessment",
                     {f"answer_{s1.id}": "met", f"revision_{s1.id}": "0"})
    assert error_messages(page) == [
        "Someone else changed this answer while you were editing it. Check it and save again. "
        "They answered: Not yet (Poster on order)"]
    assert page.find("input", attrs={"name": f"answer_{s1.id}", "value": "met"}).has_attr("checked")
    assessment = db.session.scalar(db.select(Assessment).where(Assessment.premises_id == premises.id)
                                  .options(selectinload(Assessment.answers)))
    assert [(a.answer, a.note) for a in assessment.answers] == [(Answer.NOT_MET, "Poster on order")]

    # Having seen it, the user saves again and their answer stands.
    revision = page.find("input", attrs={"name": f"revision_{s1.id}"})["value"]
    post_page(business_client, f"/business/premises/{premises.id}/self-assessment",
              {f"answer_{s1.id}": "met", f"revision_{s1.id}": revision})
    db.session.refresh(assessment)
    assert [(a.answer, a.note) for a in assessment.answers] == [(Answer.MET, "")]
