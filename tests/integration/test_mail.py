"""The outbox, delivering to a real SMTP server on loopback."""

import socket

from datetime import timedelta

from scheme.domain import mail, settings
from scheme.domain.accounts import registration
from scheme.domain.transaction import service
from scheme.extensions import db
from scheme.models import OutboxMessage, User
from scheme.models.base import utcnow
from tests.smtp import LocalSMTPServer


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # free once the probe closes: nothing listens there


def _unsent() -> list[OutboxMessage]:
    return list(db.session.scalars(db.select(OutboxMessage).where(OutboxMessage.sent_at.is_(None))))


@service
def _queue(to: str) -> None:
    # reset_password needs user and link; any template does for the outbox itself.
    mail.queue_email(to, "reset_password", user=User(name="Pat Example"), link="http://scheme.test/x")


@service
def _queue_with_link(to: str, link: str) -> None:
    mail.queue_email(to, "reset_password", user=User(name="Pat Example"), link=link)


def test_a_queued_email_is_delivered_after_commit_with_text_and_html(mail_app, smtp_server):
    _queue("pat@example.com")
    [message] = smtp_server.messages
    assert message["To"] == "pat@example.com"
    assert message["Subject"] == "Reset your Spot It Stop It password"
    assert "Spot It Stop It" in message["From"]
    assert "Dear Pat Example" in message.get_body(("plain",)).get_content()
    assert '<a href="http://scheme.test/x">' in message.get_body(("html",)).get_content()
    stored = db.session.scalar(db.select(OutboxMessage))
    assert stored.sent_at is not None and stored.attempts == 1


def test_nothing_is_sent_when_the_change_is_rolled_back(mail_app, smtp_server):
    @service
    def queue_then_fail():
        mail.queue_email("pat@example.com", "reset_password", user=User(name="Pat"), link="x")
        raise RuntimeError("the change failed")

    try:
        queue_then_fail()
    except RuntimeError:
        pass
    assert smtp_server.messages == []
    assert db.session.scalar(db.select(db.func.count()).select_from(OutboxMessage)) == 0


def test_when_the_server_is_down_the_change_is_kept_and_send_mail_delivers_later(app, runner):
    port = _closed_port()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port)
    try:
        user = registration.register_business_user(name="Kim Down", email="kim@example.com",
                                                   password="a long enough passphrase")
        # The registration stands even though the email could not go.
        assert db.session.get(User, user.id) is not None
        [waiting] = _unsent()
        assert waiting.to == "kim@example.com" and waiting.attempts == 1
        assert "ConnectionRefusedError" in waiting.last_error

        # The failed message waits for its retry delay; asked to, send-mail tries it at once.
        assert "Sent 0, failed 0" in runner.invoke(args=["send-mail"]).output
        result = runner.invoke(args=["send-mail", "--retry-now"])
        assert result.exit_code == 1 and "Sent 0, failed 1" in result.output

        server = LocalSMTPServer(port=port)
        server.start()
        try:
            result = runner.invoke(args=["send-mail", "--retry-now"])
            assert result.exit_code == 0, result.output
            assert "Sent 1, failed 0" in result.output
            [message] = server.messages
        finally:
            server.stop()
    finally:
        app.config.update(MAIL_SERVER="", MAIL_PORT=25)
    assert message["To"] == "kim@example.com"
    assert "/confirm-email/" in message.get_body(("plain",)).get_content()
    assert _unsent() == []
    assert db.session.scalar(db.select(OutboxMessage)).attempts == 3

    # Nothing is sent twice.
    assert "Sent 0, failed 0" in runner.invoke(args=["send-mail"]).output


def test_without_a_mail_server_messages_are_printed_for_development(app, capsys):
    long_link = "http://scheme.test/reset-password/" + "x" * 120
    _queue_with_link("dev@example.com", long_link)
    printed = capsys.readouterr().err
    assert "To: dev@example.com" in printed and "Reset your Spot It Stop It password" in printed
    assert long_link in printed  # whole, so it can be copied from the console
    assert _unsent() == []


def test_every_email_names_the_scheme_contact_and_is_answered_there(mail_app, smtp_server, admin):
    settings.update(admin, {"council_name": "Braintree District Council", "contact_email": "safer@braintree.example",
                            "contact_phone": "01376 552525", "postal_address": "Causeway House\nBraintree CM7 9HB"})
    _queue("pat@example.com")
    [message] = smtp_server.messages
    assert message["Reply-To"] == "safer@braintree.example"
    text = message.get_body(("plain",)).get_content()
    assert "Spot It Stop It is run by Braintree District Council." in text
    assert "safer@braintree.example" in text and "01376 552525" in text
    assert "Post: Causeway House, Braintree CM7 9HB" in text
    html = message.get_body(("html",)).get_content()
    assert 'href="mailto:safer@braintree.example"' in html and "Causeway House<br>Braintree CM7 9HB" in html


def test_a_failed_message_is_retried_after_a_growing_delay_and_delivered_once(app, smtp_server):
    port = _closed_port()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port)
    try:
        _queue("late@example.com")  # the attempt after commit fails: nothing listens
        [waiting] = _unsent()
        first_retry = waiting.next_attempt_at
        assert waiting.attempts == 1 and first_retry is not None
        # Before its delay has passed nothing is tried; after it, it is tried and fails again.
        assert mail.deliver_all_due(now=first_retry - timedelta(seconds=1)) == (0, 0)
        assert mail.deliver_all_due(now=first_retry) == (0, 1)
        assert waiting.attempts == 2 and waiting.next_attempt_at - first_retry == mail.retry_delay(2)
        app.config.update(MAIL_PORT=smtp_server.port)  # the server is back
        a_day_later = utcnow() + timedelta(days=1)
        assert mail.deliver_all_due(now=a_day_later) == (1, 0)
        assert mail.deliver_all_due(now=a_day_later + timedelta(days=1)) == (0, 0)
    finally:
        app.config.update(MAIL_SERVER="", MAIL_PORT=25)
    assert [m["To"] for m in smtp_server.messages] == ["late@example.com"]


def test_a_refused_address_is_listed_for_admins_and_does_not_hold_up_the_others(app, admin_client):
    server = LocalSMTPServer(refuse={"bounce@example.com"})
    server.start()
    app.config.update(MAIL_SERVER=server.host, MAIL_PORT=server.port)
    try:
        for to in ("first@example.com", "bounce@example.com", "last@example.com"):
            _queue(to)
        assert mail.deliver_all_due() == (0, 0)  # nothing left: two went, one was refused for good
    finally:
        server.stop()
        app.config.update(MAIL_SERVER="", MAIL_PORT=25)
    assert [m["To"] for m in server.messages] == ["first@example.com", "last@example.com"]
    [refused] = _unsent()
    assert refused.to == "bounce@example.com" and refused.failed_at is not None and refused.attempts == 1
    page = admin_client.get("/admin/failed-emails")
    assert page.status_code == 200
    assert "bounce@example.com" in page.text and "the address was refused" in page.text
    assert "first@example.com" not in page.text
