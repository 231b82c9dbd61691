"""Two send-reminders at the same moment (two app servers' crons), each on its own
connection: nobody is reminded twice."""

import threading
from datetime import date, timedelta

from flask_migrate import upgrade
from sqlalchemy.pool import NullPool

from scheme.domain import mail, reminders
from scheme.enums import ApplicationStatus
from scheme.extensions import db
from scheme.models import OutboxMessage, Reminder
from tests import factories
from tests.conftest import make_test_app
from tests.databases import backend, fresh_database
from tests.factories_officer import make_action, make_certificate
from tests.smtp import LocalSMTPServer

TODAY = date(2026, 12, 1)
PEOPLE = 12


def _make_scheme() -> set[str]:
    emails = set()
    for n in range(PEOPLE):
        owner = factories.make_user(email=f"owner{n}@example.com")
        emails.add(owner.email)
        for m in range(2):  # two premises each, so each email groups several items
            premises = factories.make_premises(owner=owner, status=ApplicationStatus.MEMBER)
            make_certificate(premises, expires_on=TODAY + timedelta(days=20 + m))
            make_action(premises, due_on=TODAY - timedelta(days=1 + m))
    return emails


def test_two_runs_at_once_remind_nobody_twice(monkeypatch):
    with fresh_database() as url:
        app = make_test_app(url, SQLALCHEMY_ENGINE_OPTIONS={"poolclass": NullPool})
        with app.app_context():
            upgrade()
            emails = _make_scheme()
            db.session.remove()

        # Both runs work out the same list of what is due before either writes, so they race
        # for every person.
        both_have_looked = threading.Barrier(2)
        due_reminders = reminders.due_reminders

        def due_then_wait(today):
            due = due_reminders(today)
            both_have_looked.wait(timeout=30)
            return due

        monkeypatch.setattr(reminders, "due_reminders", due_then_wait)
        results, errors = [], []

        def run() -> None:
            with app.app_context():
                try:
                    results.append(reminders.send_reminders(TODAY))
                except BaseException as error:  # noqa: BLE001  (reported below)
                    errors.append(error)
                finally:
                    db.session.remove()

        threads = [threading.Thread(target=run) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        monkeypatch.setattr(reminders, "due_reminders", due_reminders)
        assert errors == [] and len(results) == 2

        server = LocalSMTPServer()
        server.start()
        app.config.update(MAIL_SERVER=server.host, MAIL_PORT=server.port)
        try:
            with app.app_context():
                if backend() == "postgresql":
                    # Row locks: the loser of each race waits, then is refused by the unique
                    # key, and everyone has been reminded exactly once between the two runs.
                    assert sum(result.emails for result in results) == PEOPLE
                    assert sum(result.lost_races for result in results) == PEOPLE
                # The next hourly run finds nothing new (on SQLite it reminds whoever the busy
                # database made the two runs leave for it).
                reminders.send_reminders(TODAY)
                assert reminders.send_reminders(TODAY).emails == 0
                mail.deliver_all_due()
                stored = db.session.execute(db.select(Reminder.user_id, Reminder.item, Reminder.threshold)).all()
                assert len(stored) == len(set(stored)) == PEOPLE * 4
                assert db.session.scalar(db.select(db.func.count()).select_from(OutboxMessage)) == PEOPLE
                db.session.remove()
                db.engine.dispose()
        finally:
            server.stop()
    received = sorted(message["To"] for message in server.messages)
    assert received == sorted(emails)
    assert all(message["Subject"] == "4 reminders from Spot It Stop It" for message in server.messages)
