import pytest

from scheme.domain.accounts import users
from scheme.enums import Role
from scheme.extensions import db
from scheme.models import AuditLogEntry, OutboxMessage, User
from tests import factories
from tests.factories_business import make_unconfirmed_user
from tests.pages import error_messages, get_page, post_page, text_of

GOOD = {"name": "Priya Shah", "email": "Priya@Example.com ", "password": "swan and anchor 1887",
        "confirm_password": "swan and anchor 1887"}


def test_the_home_page_offers_to_register_a_business(client):
    page = get_page(client, "/")
    [button] = [a for a in page.select("a.govuk-button--start") if "Register your business" in a.get_text()]
    assert button["href"] == "/register"


def test_registering_emails_a_confirmation_link_whose_first_use_signs_in(mail_app, client, smtp_server, read_link):
    page = post_page(client, "/register", GOOD)
    assert page.h1.get_text(strip=True) == "Check your email"
    assert "We have sent an email to priya@example.com" in text_of(page)
    user = users.find_user_by_email("priya@example.com")
    assert user.role == Role.BUSINESS and user.email_confirmed_at is None and user.name == "Priya Shah"
    assert client.get("/business/").status_code == 302  # not signed in until the address is proved

    [message] = smtp_server.messages
    assert message["To"] == "priya@example.com"
    assert message["Subject"] == "Confirm your email address for Spot It Stop It"
    link = read_link(message)
    page = get_page(client, link, follow_redirects=True)
    assert page.h1.get_text(strip=True) == "Your premises"
    assert "Your email address is confirmed" in text_of(page)
    assert "using the link we sent" not in text_of(page)
    assert users.find_user_by_email("priya@example.com").email_confirmed_at is not None
    assert db.session.scalar(db.select(AuditLogEntry).where(AuditLogEntry.action == "user.email_confirmed"))

    # Only the first use signs in: a link found later in the mailbox does not.
    someone_else = client.application.test_client()
    page = get_page(someone_else, link, follow_redirects=True)
    assert page.h1.get_text(strip=True) == "Sign in"


def test_registration_answers_alike_whether_or_not_the_address_has_an_account(mail_app, client, smtp_server):
    existing = factories.make_user(email="priya@example.com", name="Priya Shah")
    known = post_page(client, "/register", GOOD)
    unknown = post_page(client, "/register", {**GOOD, "email": "new.person@example.com"})
    assert text_of(known).replace("priya@example.com", "X") == text_of(unknown).replace("new.person@example.com", "X")
    # Each address gets one email, so the time taken says nothing: the account holder a
    # notice that someone tried, the new address its confirmation link.
    assert [(m["To"], m["Subject"]) for m in smtp_server.messages] == [
        ("priya@example.com", "Someone tried to register with your email address on Spot It Stop It"),
        ("new.person@example.com", "Confirm your email address for Spot It Stop It"),
    ]
    notice = smtp_server.messages[0].get_body(("plain",)).get_content()
    assert "http://scheme.test/sign-in" in notice and "http://scheme.test/forgotten-password" in notice
    assert db.session.scalar(db.select(db.func.count(User.id)).where(User.email == "priya@example.com")) == 1
    assert users.authenticate("priya@example.com", GOOD["password"]) is None  # the old password still rules
    assert users.authenticate("priya@example.com", factories.PASSWORD) is existing


@pytest.mark.parametrize(
    ("change", "field_error"),
    [
        ({"name": ""}, "Enter your full name"),
        ({"email": ""}, "Enter your email address"),
        ({"email": "priya.example.com"}, "Enter an email address in the correct format, like name@example.com"),
        ({"password": "short", "confirm_password": "short"}, "Password must be 10 characters or more"),
        ({"password": "password123", "confirm_password": "password123"},
         "Password is too easy to guess: choose one that is not a common password"),
        ({"password": "x" * 257, "confirm_password": "x" * 257}, "Password must be 256 characters or fewer"),
        ({"confirm_password": "something else"}, "Passwords must match"),
        ({"password": "short", "confirm_password": "shorter"}, "Password must be 10 characters or more"),
    ],
)
def test_bad_registrations_are_refused_with_the_input_kept(client, change, field_error):
    page = post_page(client, "/register", {**GOOD, **change})
    assert field_error in error_messages(page)
    assert page.find("input", attrs={"name": "name"})["value"] == (change.get("name", GOOD["name"]))
    assert users.find_user_by_email("priya@example.com") is None


def test_a_tampered_confirmation_link_gets_a_clear_page_offering_a_new_one(client):
    page = get_page(client, "/confirm-email/not-a-real-token", status=400)
    assert page.h1.get_text(strip=True) == "This link does not work"
    assert page.find("a", string=lambda s: s and "Get a new link" in s)["href"] == "/confirm-email"


def test_an_expired_confirmation_link_says_so(app, client):
    from scheme.domain.accounts.tokens import CONFIRM_EMAIL, Signer

    user = make_unconfirmed_user()
    token = Signer(app.config["SECRET_KEY"], clock=lambda: 1_000_000_000).make(CONFIRM_EMAIL, {"u": user.id, "e": user.email})
    page = get_page(client, f"/confirm-email/{token}", status=400)
    assert page.h1.get_text(strip=True) == "This link has expired"
    assert user.email_confirmed_at is None


def test_a_new_confirmation_link_can_be_asked_for_without_saying_who_has_an_account(mail_app, client, smtp_server,
                                                                                     read_link):
    unconfirmed = make_unconfirmed_user(email="new@example.com")
    factories.make_user(email="done@example.com")
    known = post_page(client, "/confirm-email", {"email": "new@example.com"})
    unknown = post_page(client, "/confirm-email", {"email": "nobody@example.com"})
    confirmed = post_page(client, "/confirm-email", {"email": "done@example.com"})
    assert text_of(known).replace("new@example.com", "X") == text_of(unknown).replace("nobody@example.com", "X")
    assert text_of(known).replace("new@example.com", "X") == text_of(confirmed).replace("done@example.com", "X")
    # One email to each address, the same subject, so neither page nor time tells them apart.
    message, *notices = smtp_server.messages
    assert [m["To"] for m in smtp_server.messages] == ["new@example.com", "nobody@example.com", "done@example.com"]
    assert {m["Subject"] for m in smtp_server.messages} == {"Confirm your email address for Spot It Stop It"}
    for notice in notices:
        body = notice.get_body(("plain",)).get_content()
        assert "no account waiting to be confirmed" in body and "/confirm-email/" not in body
    get_page(client, read_link(message), follow_redirects=True)
    assert unconfirmed.email_confirmed_at is not None


def test_registering_while_the_mail_server_is_down_still_creates_the_account(app, client):
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=closed_port)
    try:
        page = post_page(client, "/register", GOOD)
    finally:
        app.config.update(MAIL_SERVER="", MAIL_PORT=25)
    assert page.h1.get_text(strip=True) == "Check your email"
    assert users.find_user_by_email("priya@example.com") is not None
    [waiting] = db.session.scalars(db.select(OutboxMessage)).all()
    assert waiting.to == "priya@example.com" and waiting.last_error


def test_a_password_made_of_the_persons_own_details_is_refused(client):
    page = post_page(client, "/register", {**GOOD, "password": "PriyaShah2026!", "confirm_password": "PriyaShah2026!"})
    assert error_messages(page) == ["Password must not contain your name or email address"]
    assert users.find_user_by_email("priya@example.com") is None
