"""Two-factor sign-in for officers and admins: set up on first sign-in, codes from the app,
recovery codes, and an administrator's reset."""

import re

import pyotp
import pytest

from scheme.domain.accounts import users
from scheme.enums import Role
from scheme.extensions import db
from scheme.models import AuditLogEntry, RecoveryCode
from tests import factories
from tests.pages import error_messages, get_page, post_page, text_of
from tests.signing_in import code_for, sign_in, wrong_code


def _new_staff(role=Role.OFFICER, email="new.officer@example.com"):
    return users.create_user(email=email, name="Nadia New", password=factories.PASSWORD, role=role)


@pytest.mark.parametrize("role", [Role.OFFICER, Role.ADMIN])
def test_first_sign_in_sets_up_two_factor_with_the_key_shown_beside_its_qr_code(app, client, role):
    user = _new_staff(role)
    response = client.post("/sign-in", data={"email": user.email, "password": factories.PASSWORD})
    assert response.headers["Location"] == "/sign-in/set-up-two-factor"
    assert client.get("/officer/").status_code == 302  # the password alone signs nobody in

    page = get_page(client, "/sign-in/set-up-two-factor")
    assert page.h1.get_text(strip=True) == "Set up two-factor sign-in"
    db.session.refresh(user)
    key = page.select_one("#secret").get_text(strip=True)
    assert key.replace(" ", "") == user.totp_secret and len(user.totp_secret) == 32
    assert page.select_one("svg[role=img][aria-label='QR code for your authenticator app']") is not None
    # Reloading shows the same key (someone may have scanned it already).
    assert get_page(client, "/sign-in/set-up-two-factor").select_one("#secret").get_text(strip=True) == key

    page = post_page(client, "/sign-in/set-up-two-factor", {"code": wrong_code(user.totp_secret)})
    assert error_messages(page) == ["Enter the 6-digit code your authenticator app shows now"]
    assert client.get("/officer/").status_code == 302

    page = post_page(client, "/sign-in/set-up-two-factor", {"code": pyotp.TOTP(key.replace(" ", "")).now()})
    assert page.h1.get_text(strip=True) == "Your recovery codes"
    codes = [li.get_text(strip=True) for li in page.select("#recovery-codes li")]
    assert len(codes) == 10 and all(re.fullmatch(r"[a-z2-9]{5}-[a-z2-9]{5}", code) for code in codes)
    assert client.get("/officer/").status_code == 200
    # Only hashes are kept: no stored value is, or contains, a code.
    stored = db.session.scalars(db.select(RecoveryCode.code_hash).where(RecoveryCode.user_id == user.id)).all()
    assert len(stored) == 10
    assert not any(code.replace("-", "") in value or code in value for code in codes for value in stored)
    assert db.session.scalar(db.select(AuditLogEntry).where(AuditLogEntry.action == "user.two_factor_set_up",
                                                            AuditLogEntry.user_id == user.id))


def test_later_sign_ins_ask_for_a_code_and_refuse_it_a_second_time(app, client):
    officer = factories.make_user(Role.OFFICER)
    assert client.post("/sign-in", data={"email": officer.email, "password": factories.PASSWORD}
                       ).headers["Location"] == "/sign-in/two-factor"
    code = code_for(officer)
    page = post_page(client, "/sign-in/two-factor", {"code": wrong_code(officer.totp_secret)})
    assert error_messages(page) == [
        "Enter the 6-digit code from your authenticator app, or one of your recovery codes"]
    assert client.post("/sign-in/two-factor", data={"code": code}).headers["Location"] == "/officer/"

    # Someone who watched the code typed, and knows the password, cannot use it again.
    other = app.test_client()
    other.post("/sign-in", data={"email": officer.email, "password": factories.PASSWORD})
    assert other.post("/sign-in/two-factor", data={"code": code}).status_code == 200
    assert other.get("/officer/").status_code == 302


def test_the_code_page_needs_the_password_first(app, client):
    response = client.get("/sign-in/two-factor")
    assert response.headers["Location"] == "/sign-in"
    response = client.post("/sign-in/two-factor", data={"code": "123456"})
    assert response.headers["Location"] == "/sign-in"
    assert client.get("/sign-in/set-up-two-factor").headers["Location"] == "/sign-in"


def test_business_users_sign_in_with_their_password_alone(app, client):
    user = factories.make_user(Role.BUSINESS)
    assert sign_in(client, user).headers["Location"] == "/business/"


def _recovery_codes_for(client, user) -> list[str]:
    sign_in(client, user)
    page = post_page(client, "/account/recovery-codes")
    assert page.h1.get_text(strip=True) == "Your recovery codes"
    client.post("/sign-out")
    return [li.get_text(strip=True) for li in page.select("#recovery-codes li")]


def test_a_recovery_code_signs_in_once_in_place_of_a_code(app, client):
    officer = factories.make_user(Role.OFFICER)
    codes = _recovery_codes_for(client, officer)
    client.post("/sign-in", data={"email": officer.email, "password": factories.PASSWORD})
    assert client.post("/sign-in/two-factor", data={"code": codes[0].upper()}).headers["Location"] == "/officer/"
    assert db.session.scalar(db.select(AuditLogEntry).where(AuditLogEntry.action == "user.recovery_code_used"))

    other = app.test_client()
    other.post("/sign-in", data={"email": officer.email, "password": factories.PASSWORD})
    page = post_page(other, "/sign-in/two-factor", {"code": codes[0]})
    assert error_messages(page) == [
        "Enter the 6-digit code from your authenticator app, or one of your recovery codes"]


def test_new_recovery_codes_replace_the_old_ones(app, client):
    officer = factories.make_user(Role.OFFICER)
    old = _recovery_codes_for(client, officer)
    sign_in(client, officer)
    page = get_page(client, "/account/password")
    assert "You have 10 unused recovery codes" in text_of(page)
    new = [li.get_text(strip=True) for li in post_page(client, "/account/recovery-codes").select("#recovery-codes li")]
    assert set(new).isdisjoint(old)
    client.post("/sign-out")
    client.post("/sign-in", data={"email": officer.email, "password": factories.PASSWORD})
    assert client.post("/sign-in/two-factor", data={"code": old[1]}).status_code == 200
    assert client.post("/sign-in/two-factor", data={"code": new[1]}).headers["Location"] == "/officer/"


def test_an_admin_resets_someones_two_factor_and_it_is_audited(mail_app, admin_client, admin, smtp_server):
    officer = factories.make_user(Role.OFFICER, name="Lost Phone", email="lost.phone@example.com")
    officers_session = mail_app.test_client(user=officer)
    assert officers_session.get("/officer/").status_code == 200
    page = get_page(admin_client, "/admin/users")
    assert "Reset two-factor sign-in for Lost Phone" in text_of(page)

    page = post_page(admin_client, f"/admin/users/{officer.id}/reset-two-factor", {})
    assert "Lost Phone's two-factor sign-in is reset" in text_of(page)
    entry = db.session.scalar(db.select(AuditLogEntry).where(AuditLogEntry.action == "user.two_factor_reset"))
    assert entry.user_id == admin.id and entry.subject == f"user:{officer.id}"
    [message] = smtp_server.messages
    assert message["To"] == "lost.phone@example.com"
    assert "Ada Admin, an administrator" in message.get_body(("plain",)).get_content()
    assert officers_session.get("/officer/").status_code == 302  # signed out everywhere
    response = officers_session.post("/sign-in", data={"email": officer.email, "password": factories.PASSWORD})
    assert response.headers["Location"] == "/sign-in/set-up-two-factor"


def test_an_officer_cannot_reset_two_factor(officer_client, admin):
    assert officer_client.post(f"/admin/users/{admin.id}/reset-two-factor").status_code == 403
    assert db.session.get(type(admin), admin.id).two_factor_enabled_at is not None


def test_the_step_between_password_and_code_lasts_ten_minutes(app, client):
    from scheme.account.session import PENDING

    officer = factories.make_user(Role.OFFICER)
    client.post("/sign-in", data={"email": officer.email, "password": factories.PASSWORD})
    with client.session_transaction() as cookie_session:
        cookie_session[PENDING] = {**cookie_session[PENDING], "at": cookie_session[PENDING]["at"] - 11 * 60}
    assert client.post("/sign-in/two-factor", data={"code": code_for(officer)}).headers["Location"] == "/sign-in"
    assert client.get("/officer/").status_code == 302
