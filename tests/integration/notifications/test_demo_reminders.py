"""On the demo data, send-reminders then send-mail delivers the reminders, and tells the
business and the officers of each accredited premises that fell out of readiness as the
demo's days passed; a second run sends nothing new."""

from collections import Counter
from datetime import timedelta

from scheme.domain import clock
from scheme.domain.notifications import officers_for_area
from scheme.extensions import db
from scheme.domain.premises import readiness
from scheme.domain.premises.readiness_rule import Stored
from scheme.models import OutboxMessage, Premises

READINESS_SUBJECT_ENDS = ("is at risk of losing its Spot It Stop It accreditation", "is suspended pending checks")


def _run(runner) -> str:
    queued = runner.invoke(args=["send-reminders"])
    assert queued.exit_code == 0, queued.output
    sent = runner.invoke(args=["send-mail"])
    assert sent.exit_code == 0, sent.output
    return queued.output + sent.output


def _is_readiness_notice(message) -> bool:
    return _subject(message).endswith(READINESS_SUBJECT_ENDS)


def _subject(message) -> str:
    # A long subject is folded onto a line of its own; a mail client unfolds it without the space.
    return message["Subject"].strip()


def test_the_demo_gets_its_reminders_and_readiness_notices_once(app, runner, smtp_server):
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
    reminders = [message for message in first if not _is_readiness_notice(message)]
    # Readiness notices go at once, as a write's do; the reminders wait for send-mail.
    assert f"Sent {len(reminders)}, failed 0" in output
    assert "Told the business and officers of 3 premises at risk or suspended pending checks" in output
    assert ("Told the business and officers of 0 premises" in again and "Queued 0 reminder emails (0 items)" in again
            and "Sent 0, failed 0" in again)
    assert len(smtp_server.messages) == len(first)
    assert all(message["Reply-To"] == "spotitstopit@braintree.example" for message in first)
    assert db.session.scalar(db.select(db.func.count()).select_from(OutboxMessage)
                             .where(OutboxMessage.sent_at.is_(None))) == 0

    recipients = Counter(message["To"] for message in reminders)
    assert all(count == 1 for count in recipients.values()), recipients  # one reminder email per person
    subjects = {message["Subject"] for message in reminders}
    assert any("reminders from Spot It Stop It" in subject or subject.startswith("Reminder from") for subject in subjects)
    assert any("due in the next 14 days" in subject for subject in subjects)  # the officers' digest

    # The demo's accredited premises that became at risk, or suspended pending checks, as days
    # passed with no write (an action falling due, online courses lapsing): each is told once,
    # to the business that manages it and to the officers of its area.
    expected = {
        "Golden Dragon Takeaway is at risk of losing its Spot It Stop It accreditation":
            {"goldendragontakeaway@example.com"} | _officers_of("Golden Dragon Takeaway"),
        "Galleys Corner Services Shop is at risk of losing its Spot It Stop It accreditation":
            {"galleyscornerservice@example.com"} | _officers_of("Galleys Corner Services Shop"),
        "Braintree Station is suspended pending checks":
            {"braintreestation@example.com"} | _officers_of("Braintree Station"),
    }
    notices = Counter((_subject(message), message["To"]) for message in first if _is_readiness_notice(message))
    assert all(count == 1 for count in notices.values()), notices
    told: dict[str, set[str]] = {}
    for subject, to in notices:
        told.setdefault(subject, set()).add(to)
    assert told == expected


def _officers_of(name: str) -> set[str]:
    premises = db.session.scalars(db.select(Premises).where(Premises.name == name)).one()
    officers = {officer.email for officer in officers_for_area(premises.area_id)}
    assert officers
    return officers


def test_the_demo_keeps_the_readiness_a_later_write_would_work_out(runner):
    """Built a part at a time over a year of days, the demo still keeps, for every premises,
    what the rule works out again from scratch on any later day: so no later write or run
    starts a new episode for it, and nobody is told twice."""
    result = runner.invoke(args=["demo-data"])
    assert result.exit_code == 0, result.output
    today = clock.today()
    for premises in db.session.scalars(db.select(Premises).order_by(Premises.id)):
        kept = Stored(premises.ready_until, premises.suspended_from)
        for later in (0, 1, 20, 60):
            assert readiness.computed(premises.id, kept, today + timedelta(days=later)) == kept, (premises.name, later)
