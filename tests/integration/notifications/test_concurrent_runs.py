"""Two send-reminders at the same moment (two app servers' crons), each on its own
connection: nobody is reminded twice, and no premises at risk is told of twice."""

import threading
from datetime import date, timedelta

from flask_migrate import upgrade
from sqlalchemy.pool import NullPool

from scheme.domain import clock, mail, reminders
from scheme.domain.premises import readiness
from scheme.enums import ApplicationStatus, Role
from scheme.extensions import db
from scheme.models import OutboxMessage, Reminder
from tests import factories
from tests.concurrency import run_at_once
from tests.conftest import make_test_app
from tests.databases import backend, fresh_database
from tests.factories_officer import make_action, make_certificate
from tests.integration.certificates.conftest import issue, make_eligible_premises
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
        results, errors = run_at_once(app, lambda: reminders.send_reminders(TODAY))
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


AT_RISK = 6


def test_two_runs_at_once_tell_each_premises_at_risk_once(monkeypatch):
    """Both runs find the same premises at risk before either tells any: each is told once."""
    with fresh_database() as url:
        app = make_test_app(url, SQLALCHEMY_ENGINE_OPTIONS={"poolclass": NullPool})
        with app.app_context():
            upgrade()
            officer = factories.make_user(Role.OFFICER, email="olu@council.example")
            owners = []
            with clock.on(TODAY - timedelta(days=10)):
                for n in range(AT_RISK):
                    owner = factories.make_user(email=f"at-risk{n}@example.com")
                    premises = make_eligible_premises(owner, on=TODAY - timedelta(days=10))
                    issue(premises, on=TODAY - timedelta(days=10), actor=officer)
                    # Fell due the day before yesterday: at risk as days passed, nobody told yet.
                    make_action(premises, due_on=TODAY - timedelta(days=2))
                    owners.append(owner.email)
            db.session.query(OutboxMessage).delete()
            db.session.commit()
            db.session.remove()

        both_have_looked = threading.Barrier(2)
        candidates = readiness.due_notice_candidates

        def candidates_then_wait(today):
            found = candidates(today)
            both_have_looked.wait(timeout=30)
            return found

        monkeypatch.setattr(readiness, "due_notice_candidates", candidates_then_wait)
        def notices_on_today():
            with clock.on(TODAY):
                return readiness.send_due_notices_unless_busy(TODAY)

        results, errors = run_at_once(app, notices_on_today)
        monkeypatch.setattr(readiness, "due_notice_candidates", candidates)
        assert errors == [] and len(results) == 2
        with app.app_context(), clock.on(TODAY):
            # PostgreSQL: the second waits for the first's row locks, then finds them told.
            # SQLite: the second is refused its write and left it to the next run.
            assert sum(told or 0 for told in results) == AT_RISK
            assert (None in results) is (backend() == "sqlite")
            assert readiness.send_due_notices_unless_busy(TODAY) == 0
            told = db.session.execute(db.select(OutboxMessage.to, OutboxMessage.premises_id)
                                      .where(OutboxMessage.template == "readiness_at_risk")).all()
            assert len(told) == len(set(told)) == AT_RISK * 2
            assert {to for to, _ in told} == set(owners) | {"olu@council.example"}
            db.session.remove()
            db.engine.dispose()
