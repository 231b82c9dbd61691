"""Whom to contact, on the public pages; and each premises' messages, for officers."""

from scheme.domain import mail, settings
from scheme.domain.transaction import service
from tests import factories
from tests.pages import get_page, text_of

CONTACT = {"council_name": "Uttlesford District Council", "contact_email": "safer@uttlesford.example",
           "contact_phone": "01799 510510", "postal_address": "Council Offices\nSaffron Walden CB11 4ER"}


def test_the_privacy_notice_and_accessibility_statement_name_the_council_and_how_to_reach_it(client, admin):
    settings.update(admin, CONTACT)
    for url in ("/privacy", "/accessibility"):
        page = get_page(client, url)
        words = text_of(page)
        assert "Uttlesford District Council" in words
        assert page.select_one('a[href="mailto:safer@uttlesford.example"]') is not None
        assert page.select_one('a[href="tel:01799510510"]') is not None
        assert "Council Offices, Saffron Walden CB11 4ER" in words
    assert "Uttlesford District Council is the data controller" in text_of(get_page(client, "/privacy"))


@service
def _write(premises, to: str) -> None:
    mail.queue_email(to, "application_approved", premises=premises, premises_id=premises.id)


def test_officers_see_every_message_about_a_premises_and_whether_it_was_delivered(mail_app, smtp_server, officer_client):
    premises = factories.make_premises(owner=factories.make_user(), name="The Swan")
    other = factories.make_premises(owner=factories.make_user(), name="The Bell")
    _write(premises, "owner@swan.example")
    _write(other, "owner@bell.example")
    mail_app.config.update(MAIL_PORT=1)  # nothing listens there: the next one fails
    _write(premises, "manager@swan.example")
    page = get_page(officer_client, f"/officer/premises/{premises.id}/messages")
    rows = [[cell.get_text(" ", strip=True) for cell in row.select("td")] for row in page.select("tbody tr")]
    assert [row[1] for row in rows] == ["manager@swan.example", "owner@swan.example"]
    assert rows[0][3].startswith("Not delivered yet: 1 attempt failed, trying again")
    assert rows[1][3].startswith("Delivered to the mail server")
    assert all(row[2] == "The Swan is now a member of Spot It Stop It" for row in rows)
