"""Sign-in throttling: per client address (the rate limiter, behind a configured number of
trusted proxies) and per account (a temporary lock after wrong guesses in a row, from any
number of addresses, with an email to the account's owner)."""

from datetime import timedelta

import pytest

from scheme.enums import Role
from scheme.extensions import db, limiter
from scheme.models import AuditLogEntry
from scheme.models.base import utcnow
from tests import factories
from tests.conftest import make_test_app
from tests.pages import check_page, error_messages
from tests.signing_in import code_for, wrong_code

WRONG = "not the password at all"


@pytest.fixture
def rate_limits_on(app, database_url):
    # The limiter is one object shared by every app in the process: an app made with limits on
    # gives it its storage and turns it on for the test's app too. Put its switch back after.
    was_enabled = limiter.enabled
    make_test_app(database_url, RATELIMIT_ENABLED=True)
    limiter.reset()
    try:
        yield
    finally:
        limiter.reset()
        limiter.enabled = was_enabled


def _from(address: str) -> dict:
    return {"environ_base": {"REMOTE_ADDR": address}}


def _sign_in(client, email: str, password: str, address: str):
    return client.post("/sign-in", data={"email": email, "password": password}, **_from(address))


def test_wrong_passwords_from_many_addresses_lock_the_account_and_email_its_owner(mail_app, client, smtp_server):
    owner = factories.make_user(Role.OFFICER, email="target@example.com", name="Tara Target")
    limit = mail_app.config["SIGN_IN_LOCK_AFTER"]
    # Seven addresses, as in the attack that got 70 guesses in: each guess counts on the account.
    for n in range(limit):
        response = _sign_in(client, owner.email, WRONG, f"198.51.100.{n % 7 + 1}")
        assert error_messages(check_page(response.get_data(as_text=True))) == ["Enter a correct email address and password"]
    [message] = smtp_server.messages
    assert message["To"] == "target@example.com"
    assert message["Subject"] == "Someone tried to sign in to your Spot It Stop It account"
    assert f"{limit} times in a row" in message.get_body(("plain",)).get_content()
    assert db.session.scalar(db.select(AuditLogEntry).where(AuditLogEntry.action == "user.locked",
                                                            AuditLogEntry.subject == f"user:{owner.id}"))

    # Locked: even the right password, from an address never seen, gets the wrong-password
    # answer (the page tells a guesser nothing), and more guesses send no more email.
    response = _sign_in(client, owner.email, factories.PASSWORD, "203.0.113.99")
    assert error_messages(check_page(response.get_data(as_text=True))) == ["Enter a correct email address and password"]
    _sign_in(client, owner.email, WRONG, "203.0.113.98")
    assert len(smtp_server.messages) == 1

    # When the lock has run out (moved into the past here), the right password works again.
    owner.locked_until = utcnow() - timedelta(seconds=1)
    db.session.commit()
    response = _sign_in(client, owner.email, factories.PASSWORD, "203.0.113.99")
    assert response.headers["Location"] == "/sign-in/two-factor"


def test_a_right_password_resets_the_count(app, client):
    user = factories.make_user(Role.BUSINESS, email="forgetful@example.com")
    limit = app.config["SIGN_IN_LOCK_AFTER"]
    for _ in range(limit - 1):
        _sign_in(client, user.email, WRONG, "198.51.100.1")
    assert _sign_in(client, user.email, factories.PASSWORD, "198.51.100.1").status_code == 302
    client.post("/sign-out")
    for _ in range(limit - 1):
        _sign_in(client, user.email, WRONG, "198.51.100.1")
    assert _sign_in(client, user.email, factories.PASSWORD, "198.51.100.1").headers["Location"] == "/business/"


def test_wrong_two_factor_codes_count_towards_the_lock(mail_app, client, smtp_server):
    officer = factories.make_user(Role.OFFICER, email="codes@example.com")
    limit = mail_app.config["SIGN_IN_LOCK_AFTER"]
    assert _sign_in(client, officer.email, factories.PASSWORD, "198.51.100.1").status_code == 302
    right = code_for(officer)
    wrong = wrong_code(officer.totp_secret)
    for _ in range(limit):
        client.post("/sign-in/two-factor", data={"code": wrong})
    response = client.post("/sign-in/two-factor", data={"code": right})
    assert response.status_code == 200 and client.get("/officer/").status_code == 302
    assert [m["To"] for m in smtp_server.messages] == ["codes@example.com"]


def test_a_new_password_ends_the_lock(app, client):
    from scheme.domain.accounts import users

    user = factories.make_user(Role.BUSINESS, email="locked@example.com")
    for _ in range(app.config["SIGN_IN_LOCK_AFTER"]):
        _sign_in(client, user.email, WRONG, "198.51.100.1")
    assert _sign_in(client, user.email, factories.PASSWORD, "198.51.100.1").status_code == 200
    users.change_password(user, factories.PASSWORD, "a brand new passphrase")
    assert _sign_in(client, user.email, "a brand new passphrase", "198.51.100.1").status_code == 302


def test_one_address_is_limited_but_a_fresh_address_signs_in_to_another_account(app, client, rate_limits_on):
    factories.make_user(Role.BUSINESS, email="attacked@example.com")
    bystander = factories.make_user(Role.BUSINESS, email="bystander@example.com")
    answers = [_sign_in(client, "attacked@example.com", WRONG, "198.51.100.66").status_code for _ in range(11)]
    assert 429 not in answers[:10] and answers[10] == 429
    # The attacker's address is refused whatever it sends ...
    assert _sign_in(client, bystander.email, factories.PASSWORD, "198.51.100.66").status_code == 429
    # ... while someone else, from their own address, signs in to their own account.
    other = app.test_client()
    assert _sign_in(other, bystander.email, factories.PASSWORD, "203.0.113.10").headers["Location"] == "/business/"


def test_the_code_page_is_limited_per_address_too(app, client, rate_limits_on):
    answers = [client.post("/sign-in/two-factor", data={"code": "123456"}, **_from("198.51.100.7")).status_code
               for _ in range(11)]
    assert 429 not in answers[:10] and answers[10] == 429


@pytest.fixture
def proxied(database_url):
    """Apps behind 0, 1 or 2 trusted proxies, with rate limits on."""
    was_enabled = limiter.enabled

    def make(proxies: int):
        app = make_test_app(database_url, TRUSTED_PROXIES=proxies, RATELIMIT_ENABLED=True)
        limiter.reset()
        return app.test_client()

    try:
        yield make
    finally:
        limiter.reset()
        limiter.enabled = was_enabled


def _posts(client, forwarded_for: str | None, times: int, proxy: str = "10.0.0.1") -> list[int]:
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    return [client.post("/sign-in", data={"email": "not an email"}, headers=headers,
                        environ_base={"REMOTE_ADDR": proxy}).status_code for _ in range(times)]


def test_behind_one_proxy_each_client_address_is_limited_on_its_own(proxied):
    client = proxied(1)
    assert 429 not in _posts(client, "198.51.100.7", 10)
    assert _posts(client, "198.51.100.7", 1) == [429]
    # A second client behind the same load balancer is not held back by the first ...
    assert _posts(client, "198.51.100.8", 1) != [429]
    # ... and the first cannot escape by writing its own X-Forwarded-For in front of the
    # address the load balancer adds: only the proxy's entry is trusted.
    assert _posts(client, "1.2.3.4, 198.51.100.7", 1) == [429]


def test_behind_two_proxies_the_address_the_outer_one_saw_counts(proxied):
    client = proxied(2)
    assert 429 not in _posts(client, "198.51.100.7, 10.0.0.2", 10)
    assert _posts(client, "198.51.100.7, 10.0.0.3", 1) == [429]
    assert _posts(client, "198.51.100.8, 10.0.0.2", 1) != [429]


def test_with_no_trusted_proxy_the_header_is_ignored(proxied):
    client = proxied(0)
    assert 429 not in _posts(client, "198.51.100.7", 10)
    assert _posts(client, "198.51.100.99", 1) == [429]  # a forged header changes nothing
