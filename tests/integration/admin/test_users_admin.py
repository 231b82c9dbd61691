import re

import pytest

from scheme.domain import settings
from scheme.enums import Role
from scheme.extensions import db
from scheme.models import OutboxMessage, User
from tests import factories
from tests.pages import error_messages, get_page, post_page, text_of


def test_an_admin_invites_an_officer_who_sets_a_password_with_the_emailed_link(admin_client, client):
    page = post_page(admin_client, "/admin/users/invite",
                     {"name": "Nia Officer", "email": "Nia@Example.com", "role": "officer"})
    assert "Invitation sent to nia@example.com" in text_of(page)
    user = db.session.scalar(db.select(User).where(User.email == "nia@example.com"))
    assert user.role == Role.OFFICER and user.email_confirmed_at is None
    message = db.session.scalar(db.select(OutboxMessage).where(OutboxMessage.to == "nia@example.com"))
    link = re.search(r"http\S+/invitation/\S+", message.text_body).group(0)
    path = link.split("scheme.test", 1)[1]
    get_page(client, path)
    page = post_page(client, path, {"password": "a long new passphrase", "confirm_password": "a long new passphrase"})
    assert "Your password is set" in text_of(page)
    assert get_page(client, path, status=400).h1.get_text(strip=True) == "This link does not work"  # works once
    page = post_page(client, "/sign-in", {"email": "nia@example.com", "password": "a long new passphrase"})
    assert page.h1.get_text(strip=True) == "Set up two-factor sign-in"  # tests/integration/account/test_two_factor.py


def test_an_invitation_needs_a_name_email_and_role_and_a_new_address(admin_client, officer):
    page = post_page(admin_client, "/admin/users/invite", {"name": "", "email": "nope", "role": ""})
    assert error_messages(page) == ["Enter their full name", "Enter an email address in the correct format, like name@example.com",
                                    "Select the role"]
    page = post_page(admin_client, "/admin/users/invite", {"name": "Again", "email": officer.email, "role": "officer"})
    assert error_messages(page) == ["An account with this email address already exists"]


def test_deactivate_and_reactivate_an_officer(admin_client, officer):
    post_page(admin_client, f"/admin/users/{officer.id}/deactivate", {})
    db.session.refresh(officer)
    assert not officer.active
    post_page(admin_client, f"/admin/users/{officer.id}/reactivate", {})
    db.session.refresh(officer)
    assert officer.active


def test_the_last_active_admin_cannot_be_deactivated(app, admin):
    other = factories.make_user(Role.ADMIN, name="Other Admin")
    client = app.test_client(user=other)
    post_page(client, f"/admin/users/{admin.id}/deactivate", {})
    db.session.refresh(admin)
    assert not admin.active
    back = app.test_client(user=other)
    page = post_page(back, f"/admin/users/{other.id}/deactivate", {})
    assert "last active administrator" in text_of(page)
    db.session.refresh(other)
    assert other.active


CONTACT = {"council_name": "Braintree District Council", "contact_email": "safer@braintree.example",
           "contact_phone": "01376 552525", "postal_address": "Causeway House\nBocking End\nBraintree CM7 9HB"}


def test_an_admin_edits_the_scheme_settings(admin_client):
    form = {**CONTACT, "required_trained_share": 90, "grace_period_weeks": 4, "certificate_validity_months": 12,
            "visit_interval_months": 6, "visit_interval_after_fail_months": 2, "renewal_window_days": 60,
            "staff_retention_months": 36, "sent_email_retention_days": 90,
            "readiness_grace_days": 14}
    page = post_page(admin_client, "/admin/settings", {**form, "visit_interval_months": 0})
    assert error_messages(page) == ["The months between audit visits must be between 1 and 60"]
    page = post_page(admin_client, "/admin/settings", form)
    assert "Settings saved" in text_of(page)
    saved = settings.load()
    assert (saved.visit_interval_months, saved.visit_interval_after_fail_months, saved.required_trained_share) == (6, 2, 90)
    assert saved.contact.council_name == "Braintree District Council"
    assert saved.staff_retention_months == 36
    assert saved.contact.address_lines == ["Causeway House", "Bocking End", "Braintree CM7 9HB"]


def test_the_contact_settings_are_required_and_checked(admin_client):
    form = {"required_trained_share": 90, "grace_period_weeks": 4, "certificate_validity_months": 12,
            "visit_interval_months": 6, "visit_interval_after_fail_months": 2, "renewal_window_days": 60,
            "staff_retention_months": 24, "sent_email_retention_days": 90, "readiness_grace_days": 14}
    page = post_page(admin_client, "/admin/settings", {**form, **CONTACT, "council_name": "", "contact_email": "nope"})
    assert error_messages(page) == ["Enter the name of the council",
                                    "Enter an email address in the correct format, like name@example.com"]
    assert settings.load().council_name == ""


@pytest.mark.parametrize(("value", "message"), [
    ("150", "The share of staff who must be trained (%) must be between 0 and 100"),
    ("abc", "Enter the share of staff who must be trained (%) as a whole number"),
])
def test_a_bad_share_of_trained_staff_is_explained_not_a_server_error(admin_client, value, message):
    form = {**CONTACT, "required_trained_share": value, "grace_period_weeks": 4, "certificate_validity_months": 12,
            "visit_interval_months": 6, "visit_interval_after_fail_months": 2, "renewal_window_days": 60,
            "staff_retention_months": 24, "sent_email_retention_days": 90,
            "readiness_grace_days": 14}
    page = post_page(admin_client, "/admin/settings", form)
    assert message in error_messages(page)
    assert settings.load().required_trained_share == 100
