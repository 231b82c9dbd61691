from scheme.extensions import db
from scheme.models import TrainingModule
from tests import factories
from tests.pages import error_messages, get_page, post_page, text_of

VALID = {"title": "Night-time economy briefing", "provider": "NWG Network", "description": "Online course",
         "url": "https://example.org/course", "validity_months": "12", "required_roles": ["reception", "driver"],
         "equivalent_allowed": "y", "active": "y"}


def test_admin_adds_a_module(admin_client):
    page = post_page(admin_client, "/admin/training-modules/new", VALID)
    assert "Night-time economy briefing added" in text_of(page)
    module = db.session.scalar(db.select(TrainingModule))
    assert module.required_roles == ["reception", "driver"] and module.equivalent_allowed
    assert "Reception, driver" in text_of(page)


def test_module_that_never_expires(admin_client):
    post_page(admin_client, "/admin/training-modules/new", {**VALID, "validity_months": "0"})
    assert "Does not expire" in text_of(get_page(admin_client, "/admin/training-modules"))


def test_bad_module_details_are_refused(admin_client):
    page = post_page(admin_client, "/admin/training-modules/new",
                     {"validity_months": "-1", "url": "not a link", "required_roles": ["astronaut"]})
    assert error_messages(page) == [
        "Enter the title", "Enter the provider",
        "Enter a web address in the correct format, like https://example.org/course",
        "Valid for must be between 0 and 120 months", "'astronaut' is not a valid choice for this field.",
    ]


def test_admin_retires_a_module(admin_client):
    module = factories.make_module(title="Old course")
    page = get_page(admin_client, f"/admin/training-modules/{module.id}/edit")
    assert page.select_one("#title")["value"] == "Old course"
    post_page(admin_client, f"/admin/training-modules/{module.id}/edit", {**VALID, "title": "Old course", "active": ""})
    db.session.refresh(module)
    assert not module.active
    assert "Old course (retired)" in text_of(get_page(admin_client, "/admin/training-modules"))


def test_officers_cannot_manage_modules(officer_client):
    get_page(officer_client, "/admin/training-modules", status=403)
