"""Signed-in sessions: an idle timeout, ended on the server by signing out or changing the
password (a copy of the cookie stops working), and a cookie scripts cannot read."""

import time

import pytest

from scheme.account.session import SEEN
from scheme.enums import Role
from tests import factories
from tests.conftest import make_test_app
from tests.pages import post_page, text_of
from tests.signing_in import sign_in


def _idle_for(client, minutes: float) -> None:
    with client.session_transaction() as cookie_session:
        cookie_session[SEEN] = int(time.time() - minutes * 60)


@pytest.mark.parametrize(("role", "home", "limit"), [(Role.OFFICER, "/officer/", "STAFF_IDLE_MINUTES"),
                                                    (Role.ADMIN, "/admin/", "STAFF_IDLE_MINUTES"),
                                                    (Role.BUSINESS, "/business/", "BUSINESS_IDLE_MINUTES")])
def test_a_session_ends_after_the_idle_timeout(app, role, home, limit):
    client = app.test_client(user=factories.make_user(role))
    minutes = app.config[limit]
    _idle_for(client, minutes - 1)
    assert client.get(home).status_code == 200  # and this request counts as activity
    _idle_for(client, minutes + 1)
    response = client.get(home, follow_redirects=True)
    assert f"You have been signed out because you had not done anything for {minutes} minutes" in response.get_data(
        as_text=True)
    assert client.get(home).status_code == 302


def test_staff_time_out_after_30_minutes_by_default(app):
    assert app.config["STAFF_IDLE_MINUTES"] == 30
    client = app.test_client(user=factories.make_user(Role.OFFICER))
    _idle_for(client, 31)
    assert client.get("/officer/").status_code == 302


def test_activity_keeps_a_session_going(app):
    client = app.test_client(user=factories.make_user(Role.OFFICER))
    _idle_for(client, 29)
    client.get("/officer/")
    with client.session_transaction() as cookie_session:
        assert time.time() - cookie_session[SEEN] < 60


def _copy_of(client, app):
    thief = app.test_client()
    thief.set_cookie("session", client.get_cookie("session").value)
    return thief


def test_signing_out_ends_a_copied_session_cookie(app, client, officer):
    sign_in(client, officer)
    thief = _copy_of(client, app)
    assert thief.get("/officer/").status_code == 200  # a copy works while the session lasts ...
    post_page(client, "/sign-out")
    assert thief.get("/officer/").status_code == 302  # ... and not once its owner signs out


def test_changing_the_password_ends_every_other_session(app, client, officer):
    sign_in(client, officer)
    elsewhere = app.test_client()
    sign_in(elsewhere, officer)
    copied = _copy_of(client, app)
    page = post_page(client, "/account/password", {"current_password": factories.PASSWORD,
                                                   "new_password": "a new long password",
                                                   "confirm_password": "a new long password"})
    assert "Your password has been changed" in text_of(page)
    assert client.get("/officer/").status_code == 200
    assert elsewhere.get("/officer/").status_code == 302
    assert copied.get("/officer/").status_code == 302


def _session_cookie(response) -> str:
    [cookie] = [value for value in response.headers.getlist("Set-Cookie") if value.startswith("session=")]
    return cookie


def test_the_session_cookie_is_http_only_and_same_site_lax(app, client):
    response = sign_in(client, factories.make_user(Role.BUSINESS))
    cookie = _session_cookie(response)
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_in_production_behind_https_the_session_cookie_is_secure(database_url, monkeypatch):
    monkeypatch.setenv("SCHEME_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "a-production-secret-for-this-test")
    monkeypatch.setenv("SCHEME_BASE_URL", "https://spotitstopit.example.org")
    app = make_test_app(database_url, TRUSTED_PROXIES=1)
    assert app.config["SESSION_COOKIE_SECURE"] is True  # the test settings leave it as production sets it
    # Signing out writes the session (its flash message), behind a load balancer ending TLS.
    response = app.test_client().post("/sign-out", headers={"X-Forwarded-Proto": "https",
                                                            "X-Forwarded-For": "198.51.100.1"})
    cookie = _session_cookie(response)
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
