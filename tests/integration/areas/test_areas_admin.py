"""The admin's list of areas: adding, renaming, districts, retiring, deleting, and the officers
who look after each; through the real pages."""

import pytest
import sqlalchemy as sa

from scheme.domain import areas
from scheme.extensions import db
from scheme.models import Area, AuditLogEntry, OfficerArea
from tests import factories
from tests.pages import error_messages, get_page, post_page, text_of


def _area(name: str) -> Area:
    return db.session.scalar(sa.select(Area).where(Area.key == areas.name_key(name)))


def _logged(action: str) -> list[str]:
    return list(db.session.scalars(sa.select(AuditLogEntry.details).where(AuditLogEntry.action == action)))


def test_an_admin_adds_an_area_with_its_districts_and_sees_it_listed(admin_client):
    home = get_page(admin_client, "/admin/")
    assert home.find("a", href="/admin/areas").get_text(strip=True) == "Areas"
    page = post_page(admin_client, "/admin/areas/new", {"name": "  Galley's   Corner ", "districts": "cm77, CM7 ss14"})
    assert "Galley's Corner added" in text_of(page)
    assert "Postcode districts: CM7, CM77, SS14" in text_of(page)
    area = _area("galleys corner")
    assert area.name == "Galley's Corner" and area.active
    assert _logged("area.added") == ["Galley's Corner (CM7, CM77, SS14)"]


@pytest.mark.parametrize(("form", "message"), [
    ({"name": "", "districts": ""}, "Enter the name of the area"),
    ({"name": "...", "districts": ""}, "Enter a name with letters or numbers in it"),
    ({"name": "Pitsea", "districts": "SS14, not-one"}, "NOT-ONE is not a postcode district: enter outward codes like SS14 or CM7"),
    ({"name": "Galleys corner", "districts": ""}, "There is already an area called Galley's Corner"),
    ({"name": "Pitsea", "districts": "ss13"}, "SS13 is already in Basildon: a district belongs to one area"),
])
def test_a_clashing_or_malformed_area_is_refused_with_a_govuk_message(admin_client, form, message):
    factories.area_id("Galley's Corner")
    factories.area_id("Basildon", ("SS13",))
    page = post_page(admin_client, "/admin/areas/new", form)
    assert error_messages(page) == [message]
    assert _area("Pitsea") is None


def test_a_rename_shows_at_once_on_every_premises_and_the_open_register(admin_client, business_user):
    premises = factories.make_premises(area="Galleys Corner")
    area_id = premises.area_id
    page = get_page(admin_client, f"/admin/areas/{area_id}")
    assert page.find("input", attrs={"name": "name"})["value"] == "Galleys Corner"
    assert "cannot be deleted" in text_of(page)
    post_page(admin_client, f"/admin/areas/{area_id}", {"name": "Galley's Corner", "districts": "CM77"})
    db.session.expire_all()
    assert premises.area == "Galley's Corner"
    assert [d.district for d in areas.get_area(area_id).districts] == ["CM77"]
    assert _logged("area.changed") == ["Galleys Corner renamed Galley's Corner (CM77)"]


def test_a_retired_area_is_offered_to_nobody_new_but_keeps_its_premises(admin_client, business_client, business_user):
    kept = factories.make_premises(owner=business_user, area="Old Town")
    factories.area_id("Braintree Town")
    area_id = kept.area_id
    post_page(admin_client, f"/admin/areas/{area_id}/retire", {})
    assert not _area("Old Town").active
    assert "Retired" in text_of(get_page(admin_client, "/admin/areas"))

    new = get_page(business_client, "/business/premises/new")
    assert [o.get_text() for o in new.select("select[name=area] option")] == ["Choose the area", "Braintree Town"]
    # The premises already in it still shows it chosen, and may keep it.
    own = get_page(business_client, f"/business/premises/{kept.id}/details")
    assert own.select_one("select[name=area] option[selected]").get_text() == "Old Town"
    # Posting it for a new premises is refused.
    page = post_page(business_client, "/business/premises/new", {"name": "X", "area": str(area_id)})
    assert "Select an area from the list" in error_messages(page)

    post_page(admin_client, f"/admin/areas/{area_id}/reactivate", {})
    assert _area("Old Town").active
    assert _logged("area.retired") == ["Old Town"] and _logged("area.reactivated") == ["Old Town"]


def test_an_area_in_use_cannot_be_deleted_but_an_unused_one_can(admin_client):
    used = factories.make_premises(area="Bocking").area_id
    page = post_page(admin_client, f"/admin/areas/{used}/delete", {})
    assert "Bocking has premises or print batches in it: retire it instead" in text_of(page)
    assert _area("Bocking") is not None
    unused = factories.area_id("Typo Town")
    page = get_page(admin_client, f"/admin/areas/{unused}")
    assert page.find("button", string="Delete Typo Town") is not None
    page = post_page(admin_client, f"/admin/areas/{unused}/delete", {})
    assert "Typo Town deleted" in text_of(page)
    assert _area("Typo Town") is None and _logged("area.deleted") == ["Typo Town"]


def test_an_admin_sets_the_areas_an_officer_looks_after(admin_client, officer):
    bocking, notley = factories.area_id("Bocking"), factories.area_id("Great Notley")
    page = get_page(admin_client, "/admin/users")
    assert page.find("a", href=f"/admin/users/{officer.id}/areas") is not None
    page = post_page(admin_client, f"/admin/users/{officer.id}/areas", {"area_ids": [str(bocking), str(notley)]})
    assert "areas saved" in text_of(page) and "Areas: Bocking, Great Notley" in text_of(page)
    assert set(db.session.scalars(sa.select(OfficerArea.area_id).where(OfficerArea.user_id == officer.id))) == {
        bocking, notley}
    post_page(admin_client, f"/admin/users/{officer.id}/areas", {"area_ids": [str(notley)]})
    assert areas.areas_of(officer.id) == [notley]
    assert _logged("user.areas_set") == ["Areas: Bocking, Great Notley", "Areas: Great Notley"]
    page = post_page(admin_client, f"/admin/users/{officer.id}/areas", {"area_ids": ["999999"]})
    assert error_messages(page) == ["Select areas from the list"]
    assert areas.areas_of(officer.id) == [notley]


@pytest.mark.parametrize("path", ["/admin/areas", "/admin/areas/new"])
def test_only_admins_manage_areas(officer_client, business_client, path):
    get_page(officer_client, path, status=403)
    get_page(business_client, path, status=403)
    area_id = factories.area_id("Bocking")
    officer_client.post(f"/admin/areas/{area_id}/retire")
    assert _area("Bocking").active
