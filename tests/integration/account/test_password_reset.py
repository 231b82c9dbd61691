from scheme.domain.accounts import users
from scheme.domain.accounts.tokens import RESET_PASSWORD, Signer
from tests import factories
from tests.factories_business import make_unconfirmed_user
from tests.pages import error_messages, get_page, post_page, text_of

NEW = "a brand new passphrase"


def test_the_sign_in_page_links_to_forgotten_password_and_registration(client):
    page = get_page(client, "/sign-in")
    hrefs = {a["href"] for a in page.select("main a")}
    assert {"/forgotten-password", "/register"} <= hrefs


def test_the_page_says_the_same_whether_or_not_the_email_has_an_account(mail_app, client, smtp_server):
    factories.make_user(email="known@example.com")
    factories.make_user(email="gone@example.com", active=False)
    known = post_page(client, "/forgotten-password", {"email": "known@example.com"})
    unknown = post_page(client, "/forgotten-password", {"email": "Unknown@example.com"})
    gone = post_page(client, "/forgotten-password", {"email": "gone@example.com"})
    assert text_of(known).replace("known@example.com", "X") == text_of(unknown).replace("Unknown@example.com", "X")
    assert text_of(known).replace("known@example.com", "X") == text_of(gone).replace("gone@example.com", "X")
    # One email each, sent the same way, so the time the page takes tells nothing either: the
    # reset link, or a notice that there is no account with the address.
    assert [(m["To"], m["Subject"]) for m in smtp_server.messages] == [
        ("known@example.com", "Reset your Spot It Stop It password"),
        ("unknown@example.com", "Reset your Spot It Stop It password"),
        ("gone@example.com", "Reset your Spot It Stop It password"),
    ]
    known_body, unknown_body, gone_body = (m.get_body(("plain",)).get_content() for m in smtp_server.messages)
    assert "/reset-password/" in known_body
    for body in (unknown_body, gone_body):
        assert "there is no active account with it" in body and "/reset-password/" not in body


def test_a_reset_link_changes_the_password_once(mail_app, client, smtp_server, read_link):
    user = factories.make_user(email="known@example.com")
    post_page(client, "/forgotten-password", {"email": "known@example.com"})
    [message] = smtp_server.messages
    assert message["Subject"] == "Reset your Spot It Stop It password"
    link = read_link(message)

    page = get_page(client, link)
    assert page.h1.get_text(strip=True) == "Choose a new password"
    page = post_page(client, link, {"password": NEW, "confirm_password": NEW})
    assert "Your password has been changed" in text_of(page)
    assert users.authenticate("known@example.com", NEW) is user
    assert users.authenticate("known@example.com", factories.PASSWORD) is None

    page = get_page(client, link, status=400)
    assert page.h1.get_text(strip=True) == "This link does not work"
    assert page.find("a", string=lambda s: s and "Get a new link" in s)["href"] == "/forgotten-password"
    post_page(client, link, {"password": "yet another passphrase", "confirm_password": "yet another passphrase"},
              status=400)
    assert users.authenticate("known@example.com", NEW) is user


def test_a_weak_new_password_is_refused_and_the_link_still_works(app, client):
    user = factories.make_user()
    token = Signer(app.config["SECRET_KEY"]).make(RESET_PASSWORD, {"u": user.id, "v": user.session_version})
    page = post_page(client, f"/reset-password/{token}", {"password": "password123", "confirm_password": "password123"})
    assert error_messages(page) == ["Password is too easy to guess: choose one that is not a common password"]
    post_page(client, f"/reset-password/{token}", {"password": NEW, "confirm_password": NEW})
    assert users.authenticate(user.email, NEW) is user


def test_resetting_confirms_an_unconfirmed_email(app, client):
    user = make_unconfirmed_user()
    token = Signer(app.config["SECRET_KEY"]).make(RESET_PASSWORD, {"u": user.id, "v": user.session_version})
    post_page(client, f"/reset-password/{token}", {"password": NEW, "confirm_password": NEW})
    assert user.email_confirmed_at is not None


def test_an_expired_or_tampered_reset_link_gets_a_clear_page(app, client):
    user = factories.make_user()
    old = Signer(app.config["SECRET_KEY"], clock=lambda: 1_000_000_000).make(
        RESET_PASSWORD, {"u": user.id, "v": user.session_version})
    assert get_page(client, f"/reset-password/{old}", status=400).h1.get_text(strip=True) == "This link has expired"
    assert get_page(client, f"/reset-password/{old}x", status=400).h1.get_text(strip=True) == "This link does not work"


def test_a_password_change_kills_links_sent_before_it(app, client):
    user = factories.make_user()
    token = Signer(app.config["SECRET_KEY"]).make(RESET_PASSWORD, {"u": user.id, "v": user.session_version})
    users.change_password(user, factories.PASSWORD, NEW)
    get_page(client, f"/reset-password/{token}", status=400)
