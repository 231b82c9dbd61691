"""On the demo data, send-reminders then send-mail delivers reminders; a second run, nothing new."""

from collections import Counter

from scheme.extensions import db
from scheme.models import OutboxMessage


def _run(runner) -> str:
    queued = runner.invoke(args=["send-reminders"])
    assert queued.exit_code == 0, queued.output
    sent = runner.invoke(args=["send-mail"])
    assert sent.exit_code == 0, sent.output
    return queued.output + sent.output


def test_the_demo_gets_its_reminders_once(app, runner, smtp_server):
    result = runner.invoke(args=["demo-data"])
    assert result.exit_code == 0, result.output
    # The demo's own history emails are never delivered; only now does mail go out.
    app.config.update(MAIL_SERVER=smtp_server.host, MAIL_PORT=smtp_server.port)
    try:
        output = _run(runner)
        first = list(smtp_server.messages)
        again = _run(runner)
    finally:
        app.config.update(MAIL_SERVER="", MAIL_PORT=25)
    assert first, output
    assert f"Sent {len(first)}, failed 0" in output
    assert "Queued 0 reminder emails (0 items)" in again and "Sent 0, failed 0" in again
    assert len(smtp_server.messages) == len(first)
    recipients = Counter(message["To"] for message in first)
    assert all(count == 1 for count in recipients.values()), recipients  # one email per person
    subjects = {message["Subject"] for message in first}
    assert any("reminders from Spot It Stop It" in subject or subject.startswith("Reminder from") for subject in subjects)
    assert any("due in the next 14 days" in subject for subject in subjects)  # the officers' digest
    assert all(message["Reply-To"] == "spotitstopit@braintree.example" for message in first)
    assert db.session.scalar(db.select(db.func.count()).select_from(OutboxMessage)
                             .where(OutboxMessage.sent_at.is_(None))) == 0
