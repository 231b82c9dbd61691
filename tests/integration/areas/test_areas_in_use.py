"""Areas where they are used: the business's choice (suggested from the postcode), an officer's
correction, who is told, and the filters and groupings that read the list."""

from datetime import date, timedelta

import sqlalchemy as sa

from scheme.domain import areas
from scheme.domain.notifications import officers_for_area
from scheme.domain.premises.work_queues import queue_named
from scheme.domain.register import statistics
from scheme.enums import ApplicationStatus, Role
from scheme.extensions import db
from scheme.models import AuditLogEntry, OfficerArea, OutboxMessage, Premises
from tests import factories
from tests.pages import error_messages, get_page, post_page, text_of

DETAILS = {
    "name": "Kebab Corner Ltd", "premises_type": "takeaway", "address_line_1": "2 Bank Street", "town": "Basildon",
    "postcode": "ss14 1aa", "phone": "01376 550123", "staff_count": "4", "open_at_night": "yes", "home_based": "no",
}


def test_the_area_is_suggested_from_the_postcode_and_the_business_confirms_it(business_client, business_user):
    pitsea = factories.area_id("Pitsea", ("SS13",))
    central = factories.area_id("Basildon Central", ("SS14", "SS15"))
    new = get_page(business_client, "/business/premises/new")
    assert [o.get_text() for o in new.select("select[name=area] option")] == [
        "Choose the area", "Basildon Central", "Pitsea"]

    page = post_page(business_client, "/business/premises/new", DETAILS)
    assert error_messages(page) == ["Check the area or ward: Basildon Central is suggested from the postcode"]
    assert page.select_one("select[name=area] option[selected]")["value"] == str(central)
    assert "Suggested from the postcode" in text_of(page)

    # The business may choose another area than the one suggested.
    page = post_page(business_client, "/business/premises/new", {**DETAILS, "area": str(pitsea)})
    assert page.h1.get_text(strip=True) == "Application for Kebab Corner Ltd"
    premises_id = int(page.find("a", string=lambda s: s and "Premises details" in s)["href"].split("/")[3])
    details = get_page(business_client, f"/business/premises/{premises_id}/details")
    assert details.select_one("select[name=area] option[selected]").get_text() == "Pitsea"


def test_with_no_district_matching_the_business_must_choose(business_client):
    factories.area_id("Pitsea", ("SS13",))
    page = post_page(business_client, "/business/premises/new", {**DETAILS, "postcode": "CM7 1UG"})
    assert error_messages(page) == ["Select the area or ward"]
    page = post_page(business_client, "/business/premises/new", {**DETAILS, "area": "not-an-id"})
    assert "Select the area or ward" in error_messages(page)


def test_an_officer_corrects_the_area_and_the_history_says_so(officer_client, officer):
    premises = factories.make_premises(area="Bocking", status=ApplicationStatus.MEMBER, postcode="CM77 8GD")
    notley = factories.area_id("Great Notley", ("CM77",))
    page = get_page(officer_client, f"/officer/premises/{premises.id}")
    link = page.find("a", href=f"/officer/premises/{premises.id}/area")
    assert link is not None and "Bocking" in text_of(page)
    page = get_page(officer_client, f"/officer/premises/{premises.id}/area")
    assert "Its postcode suggests Great Notley" in text_of(page)
    page = post_page(officer_client, f"/officer/premises/{premises.id}/area", {"area": ""})
    assert error_messages(page) == ["Select the area or ward"]
    page = post_page(officer_client, f"/officer/premises/{premises.id}/area", {"area": str(notley)})
    assert "Area saved" in text_of(page)
    assert "Area corrected by an officer: from Bocking to Great Notley" in text_of(page)
    db.session.expire_all()
    assert premises.area == "Great Notley"
    entry = db.session.scalar(sa.select(AuditLogEntry).where(AuditLogEntry.action == "premises.area_changed"))
    assert (entry.user_id, entry.premises_id) == (officer.id, premises.id)


def test_a_business_cannot_correct_the_area_from_the_officer_page(business_client, business_user):
    premises = factories.make_premises(owner=business_user, area="Bocking")
    other = factories.area_id("Great Notley")
    business_client.post(f"/officer/premises/{premises.id}/area", data={"area": str(other)})
    db.session.expire_all()
    assert premises.area == "Bocking"


def test_news_goes_to_the_officers_of_the_area_or_to_every_officer_when_nobody_is(app):
    first, second = factories.make_user(Role.OFFICER), factories.make_user(Role.OFFICER)
    admin = factories.make_user(Role.ADMIN)
    gone = factories.make_user(Role.OFFICER, active=False)
    watched, unwatched = factories.area_id("Bocking"), factories.area_id("Great Notley")
    db.session.add_all([OfficerArea(user_id=second.id, area_id=watched), OfficerArea(user_id=admin.id, area_id=watched),
                        OfficerArea(user_id=gone.id, area_id=unwatched)])
    db.session.commit()
    assert officers_for_area(watched) == [second, admin]
    assert officers_for_area(unwatched) == [first, second]  # nobody active is assigned: every officer
    assert officers_for_area(None) == [first, second]


def test_filters_take_the_area_name_folded_and_figures_group_by_the_list(app):
    today = date.today()
    factories.make_premises(area="Galley's Corner", status=ApplicationStatus.SUBMITTED)
    factories.make_premises(area="Galleys corner", status=ApplicationStatus.SUBMITTED)  # the same area
    factories.make_premises(area="Bocking", status=ApplicationStatus.SUBMITTED)
    assert queue_named("review", today, area="galleys  CORNER").count == 2
    assert queue_named("review", today, area="Bocking").count == 1
    assert queue_named("review", today, area="Nowhere").count == 0
    figures = statistics.snapshot(today, statistics.Scope(area="Galley’s Corner"))
    assert sum(figures.by_state.values()) == 2
    assert areas.names_in_use() == ["Bocking", "Galley's Corner"]


def test_renaming_an_area_is_a_change_of_the_open_register(client, admin):
    from tests import factories_officer

    premises = factories.make_premises(area="Galleys Corner", status=ApplicationStatus.MEMBER)
    factories_officer.make_certificate(premises, expires_on=date.today().replace(year=date.today().year + 1))
    before = client.get("/api/v1/premises")
    assert [item["area"] for item in before.get_json()["data"]] == ["Galleys Corner"]
    areas.update_area(premises.area_id, actor=admin, name="Galley's Corner", districts=[])
    after = client.get("/api/v1/premises", headers={"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200 and after.headers["ETag"] != before.headers["ETag"]
    assert [item["area"] for item in after.get_json()["data"]] == ["Galley's Corner"]
    bulk = client.get("/api/v1/bulk/premises.json?area=galleys+corner").get_json()
    assert [item["area"] for item in bulk["data"]] == ["Galley's Corner"]


def test_generated_load_data_puts_each_premises_in_an_area_its_postcode_suggests(runner):
    result = runner.invoke(args=["generate-load-data", "--premises", "200"])
    assert result.exit_code == 0, result.output
    rows = db.session.execute(sa.select(Premises.postcode, Premises.area_id)).all()
    # The demo's Galley's Corner (CM77) is the generator's Galleys Corner: one area, not two.
    assert len(rows) == 200 and areas.id_named("Galleys Corner") in {area_id for _, area_id in rows}
    assert all(area_id is not None for _, area_id in rows)
    wrong = [(postcode, areas.name_of(area_id), areas.name_of(areas.suggested_for(postcode))) for postcode, area_id in rows if areas.suggested_for(postcode) != area_id]
    assert wrong == []
    again = runner.invoke(args=["generate-load-data", "--premises", "5", "--seed", "3"])
    assert again.exit_code == 0, again.output
    assert len(areas.all_areas()) == len({row.area.key for row in areas.all_areas()})


def test_a_readiness_notice_goes_to_the_officer_who_looks_after_the_area(app, business_user, officer):
    from scheme.domain.training import staff
    from scheme.enums import JobRole
    from tests.integration.certificates.conftest import TODAY, issue, make_eligible_premises

    app.config["SCHEME_TODAY"] = lambda: TODAY
    try:
        watcher = factories.make_user(Role.OFFICER, email="watcher@council.example")
        premises = make_eligible_premises(business_user, on=TODAY, area="Bocking")
        db.session.add(OfficerArea(user_id=watcher.id, area_id=premises.area_id))
        db.session.commit()
        issue(premises, on=TODAY, actor=officer)
        db.session.query(OutboxMessage).delete()
        db.session.commit()
        # An untrained starter of ten weeks: the premises is at risk at once.
        staff.add_staff(business_user, premises.id,
                        staff.StaffDetails("Sam Newstart", JobRole.RECEPTION, TODAY - timedelta(weeks=10)))
        sent = set(db.session.scalars(sa.select(OutboxMessage.to)))
        assert sent == {business_user.email, watcher.email}  # not the officer of no area in particular
    finally:
        app.config.pop("SCHEME_TODAY")


def test_every_work_queue_filters_by_area(app):
    from scheme.domain.premises.work_queues import KINDS

    factories.make_premises(area="Bocking", status=ApplicationStatus.SUBMITTED)
    today = date.today()
    for kind in KINDS:
        everywhere = queue_named(kind.key, today).count
        assert queue_named(kind.key, today, area="Nowhere").count == 0, kind.key
        assert queue_named(kind.key, today, area="Bocking").count <= everywhere, kind.key
    assert queue_named("review", today, area="bocking").count == 1
