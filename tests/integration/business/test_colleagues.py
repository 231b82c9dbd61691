import re

from scheme.domain.access import is_member
from scheme.domain.accounts.tokens import INVITE, Signer
from tests import factories
from tests.pages import get_page, post_page, text_of


def _link(message) -> str:
    return re.search(r"http://scheme\.test(/\S+)", message.get_body(("plain",)).get_content()).group(1)


def test_a_colleague_is_invited_by_email_and_accepts(mail_app, smtp_server, business_client, business_user, client):
    premises = factories.make_premises(owner=business_user, trading_name="Castle Cabs")
    page = post_page(business_client, f"/business/premises/{premises.id}/invite", {"email": "Jo@Example.com"})
    assert "We have sent an invitation to Jo@Example.com" in text_of(page)
    [message] = smtp_server.messages
    assert message["To"] == "jo@example.com"
    assert message["Subject"] == f"{business_user.name} invited you to manage Castle Cabs on Spot It Stop It"
    link = _link(message)

    page = get_page(client, link)  # not signed in yet: offered sign-in or registration
    assert page.h1.get_text(strip=True) == "Manage Castle Cabs"
    assert page.find("a", string=lambda s: s and "Create an account" in s)["href"].startswith("/register?next=")

    colleague = factories.make_user(email="jo@example.com")
    colleague_client = business_client.application.test_client(user=colleague)
    page = post_page(colleague_client, f"{link}/accept", {})
    assert "You now manage Castle Cabs" in text_of(page)
    assert is_member(colleague, premises.id)
    get_page(colleague_client, f"/business/premises/{premises.id}")


def test_an_invitation_only_works_for_the_address_it_was_sent_to(app, business_user):
    premises = factories.make_premises(owner=business_user)
    token = Signer(app.config["SECRET_KEY"]).make(INVITE, {"p": premises.id, "e": "jo@example.com", "by": business_user.id})
    stranger = factories.make_user(email="someone@example.com")
    page = post_page(app.test_client(user=stranger), f"/business/invitations/{token}/accept", {})
    assert "This invitation was sent to jo@example.com" in text_of(page)
    assert not is_member(stranger, premises.id)


def test_a_tampered_or_expired_invitation_gets_a_clear_page(app, client, business_user):
    premises = factories.make_premises(owner=business_user)
    old = Signer(app.config["SECRET_KEY"], clock=lambda: 1_000_000_000).make(INVITE, {"p": premises.id, "e": "a@b.com"})
    assert get_page(client, f"/business/invitations/{old}", status=400).h1.get_text(strip=True) == \
        "This invitation has expired"
    assert get_page(client, "/business/invitations/garbage", status=400).h1.get_text(strip=True) == \
        "This invitation does not work"


def test_invitations_are_validated(business_client, business_user):
    premises = factories.make_premises(owner=business_user)
    page = post_page(business_client, f"/business/premises/{premises.id}/invite", {"email": "nope"})
    assert "Enter an email address in the correct format, like name@example.com" in text_of(page)
