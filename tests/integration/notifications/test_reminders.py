"""send-reminders across simulated days, against a real SMTP server on loopback: each due
item once, grouped into one email per person, nothing of a kind someone switched off."""

import re
import socket
from datetime import date, timedelta

import pytest

from scheme.domain import mail, reminders
from scheme.enums import ApplicationStatus, JobRole, ReminderKind, Role, TrainingEvidence
from scheme.extensions import db
from scheme.models import AuditLogEntry, OutboxMessage, ReminderOptOut, TrainingRecord
from scheme.models.base import utcnow
from tests import factories
from tests.factories_officer import make_action, make_certificate
from tests.pages import get_page, text_of

START = date(2026, 12, 1)


def day(n: int) -> date:
    return START + timedelta(days=n)


class Scheme:
    """Two businesses and an officer, with things falling due over the next two months."""

    def __init__(self):
        self.ann = factories.make_user(name="Ann Owner", email="ann@swan.example")
        self.bob = factories.make_user(name="Bob Owner", email="bob@bell.example")
        self.officer = factories.make_user(Role.OFFICER, name="Olu Officer", email="olu@council.example")
        self.swan = factories.make_premises(owner=self.ann, name="The Swan", status=ApplicationStatus.MEMBER,
                                            area="Braintree Town", next_visit_due_on=day(16))
        self.kebab = factories.make_premises(owner=self.ann, name="Kebab Corner", status=ApplicationStatus.MEMBER,
                                             area="Galley's Corner")
        self.bell = factories.make_premises(owner=self.bob, name="The Bell", status=ApplicationStatus.MEMBER,
                                            area="Galley's Corner")
        self.draft = factories.make_premises(owner=self.bob, name="Bell Cottage",
                                             status=ApplicationStatus.CHANGES_REQUESTED, changes_due_on=day(5))
        self.certificate = make_certificate(self.swan, expires_on=day(61))
        self.action = make_action(self.kebab, due_on=day(8), description="Put up the reporting poster")
        module = factories.make_module(title="Spot It Stop It briefing", validity_months=12)
        for premises, name in ((self.kebab, "Kim Cook"), (self.bell, "Bea Barman")):
            person = factories.make_staff(premises, name=name, started_on=START - timedelta(days=400))
            db.session.add(TrainingRecord(staff_member_id=person.id, module_id=module.id,
                                          completed_on=START - timedelta(days=334), expires_on=day(31),
                                          evidence=TrainingEvidence.ONLINE_CERTIFICATE))
        # The Swan is accredited, so its safeguarding lead is trained (for longer than these two
        # months): it stays ready, and no at-risk notice joins the reminders.
        lead = factories.make_staff(self.swan, name="Sue Lead", job_role=JobRole.MANAGER, is_safeguarding_lead=True,
                                    started_on=START - timedelta(days=400))
        db.session.add(TrainingRecord(staff_member_id=lead.id, module_id=module.id,
                                      completed_on=START - timedelta(days=30), expires_on=day(335),
                                      evidence=TrainingEvidence.ONLINE_CERTIFICATE))
        # Bob does not want training reminders.
        db.session.add(ReminderOptOut(user_id=self.bob.id, kind=ReminderKind.TRAINING_EXPIRY))
        db.session.commit()


def _lines(message) -> list[str]:
    return [line for line in message.get_body(("plain",)).get_content().splitlines() if line.startswith("- ")]


def _run_day(runner, today: date, times: int = 2) -> None:
    for _ in range(times):  # an hourly cron runs it many times a day
        result = runner.invoke(args=["send-reminders", "--today", today.isoformat()])
        assert result.exit_code == 0, result.output
    result = runner.invoke(args=["send-mail"])
    assert result.exit_code == 0, result.output


EXPECTED = {
    1: {("ann@swan.example", "3 reminders from Spot It Stop It"): [
        '- "Put up the reporting poster" is due by 9 December 2026. Mark it as done once it is put right.',
        "- The training of Kim Cook: Spot It Stop It briefing expires on 1 January 2027. Book the training again before then.",
        "- Certificate {number} expires on 31 January 2027, in 60 days. Ask your community safety officer for a renewal visit now, so that the premises stays accredited without a gap.",
    ]},
    2: {("bob@bell.example", "Reminder from Spot It Stop It: Bell Cottage"): [
        "- The changes the officer asked for in your application are due by 6 December 2026. Make them and resubmit the application.",
    ], ("olu@council.example", "Spot It Stop It: 1 visit due in the next 14 days"): [
        "- The Swan: the audit visit is due by 17 December 2026.",
    ]},
    9: {("ann@swan.example", "Reminder from Spot It Stop It: Kebab Corner"): [
        '- OVERDUE: "Put up the reporting poster" was due on 9 December 2026. Put it right and mark it as done: an overdue action stops the premises being issued or renewed a certificate.',
    ]},
    31: {("ann@swan.example", "Reminder from Spot It Stop It: The Swan"): [
        "- Certificate {number} expires on 31 January 2027, in 30 days. Ask your community safety officer for a renewal visit now, so that the premises stays accredited without a gap.",
    ]},
    32: {("ann@swan.example", "Reminder from Spot It Stop It: Kebab Corner"): [
        "- EXPIRED: the training of Kim Cook: Spot It Stop It briefing expired on 1 January 2027. Book the training again and record it.",
    ]},
    54: {("ann@swan.example", "Reminder from Spot It Stop It: The Swan"): [
        "- Certificate {number} expires on 31 January 2027, in 7 days. Ask your community safety officer for a renewal visit now, so that the premises stays accredited without a gap.",
    ]},
}


def test_two_months_of_hourly_runs_send_each_reminder_once_grouped_per_person(mail_app, smtp_server, runner):
    scheme = Scheme()
    received = {}
    for n in range(66):
        before = len(smtp_server.messages)
        _run_day(runner, day(n))
        arrived = smtp_server.messages[before:]
        if arrived:
            received[n] = {(m["To"], m["Subject"]): _lines(m) for m in arrived}
    expected = {n: {key: [line.format(number=scheme.certificate.number) for line in lines]
                    for key, lines in messages.items()} for n, messages in EXPECTED.items()}
    assert received == expected

    # Ann's first email groups her two premises, each under its name.
    first = next(m for m in smtp_server.messages if m["To"] == "ann@swan.example")
    text = first.get_body(("plain",)).get_content()
    assert text.index("Kebab Corner:") < text.index("Put up the reporting poster") < text.index("The Swan:")
    assert "/reminder-preferences/" in text


def test_a_day_without_the_mail_server_loses_nothing_and_sends_nothing_twice(app, smtp_server, runner):
    Scheme()
    port = socket.socket()
    port.bind(("127.0.0.1", 0))
    closed = port.getsockname()[1]
    port.close()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=closed)
    try:
        for n in (1, 2):  # the server is down for these two days' runs
            for _ in range(3):
                runner.invoke(args=["send-reminders", "--today", day(n).isoformat()])
            assert runner.invoke(args=["send-mail", "--retry-now"]).exit_code == 1
        waiting = db.session.scalars(db.select(OutboxMessage).where(OutboxMessage.sent_at.is_(None))).all()
        assert sorted(m.to for m in waiting) == ["ann@swan.example", "bob@bell.example", "olu@council.example"]
        app.config.update(MAIL_PORT=smtp_server.port)  # it is back
        # The next hourly send-mail: every delay is at most an hour, so all of it goes, once.
        assert mail.deliver_all_due(now=utcnow() + mail.LONGEST_RETRY_DELAY) == (3, 0)
        assert mail.deliver_all_due(now=utcnow() + 2 * mail.LONGEST_RETRY_DELAY) == (0, 0)
        runner.invoke(args=["send-reminders", "--today", day(2).isoformat()])
        assert mail.deliver_all_due(now=utcnow() + 3 * mail.LONGEST_RETRY_DELAY) == (0, 0)
    finally:
        app.config.update(MAIL_SERVER="", MAIL_PORT=25)
    assert sorted(m["To"] for m in smtp_server.messages) == ["ann@swan.example", "bob@bell.example",
                                                             "olu@council.example"]


def test_the_preferences_link_works_without_signing_in_and_is_obeyed(mail_app, smtp_server, runner, client):
    scheme = Scheme()
    _run_day(runner, day(1))
    [first] = smtp_server.messages
    link = re.search(r"http://scheme\.test(/reminder-preferences/\S+)", first.get_body(("plain",)).get_content())[1]
    page = get_page(client, link)
    assert "Ann Owner" in text_of(page)
    ticked = {box["value"] for box in page.select("input[type=checkbox][checked]")}
    assert ticked == {kind.value for kind in reminders.BUSINESS_REMINDER_KINDS}
    response = client.post(link, data={"kinds": ["training_expiry", "certificate_expiry"]}, follow_redirects=True)
    assert response.status_code == 200 and "Your choices are saved" in response.text
    chosen = db.session.scalars(db.select(AuditLogEntry).where(AuditLogEntry.action == "reminders.chosen")).one()
    assert chosen.details == "Your certificate is about to expire; Staff training about to expire or expired"

    smtp_server.messages.clear()
    for n in range(2, 60):
        _run_day(runner, day(n), times=1)
    ann = [m for m in smtp_server.messages if m["To"] == "ann@swan.example"]
    # No action reminder (switched off); training and certificate ones still come.
    assert [m["Subject"] for m in ann] == ["Reminder from Spot It Stop It: The Swan",
                                           "Reminder from Spot It Stop It: Kebab Corner",
                                           "Reminder from Spot It Stop It: The Swan"]
    assert all("OVERDUE" not in line and "is due by" not in line for m in ann for line in _lines(m))
    assert {m["To"] for m in smtp_server.messages} == {"ann@swan.example", "bob@bell.example", "olu@council.example"}
    assert scheme.ann.email == "ann@swan.example"


@pytest.mark.parametrize("token", ["not-a-token", "eyJ1c2VyIjoxfQ.forged.signature"])
def test_a_bad_preferences_link_is_refused(client, token):
    page = get_page(client, f"/reminder-preferences/{token}", status=404)
    assert page.h1.get_text(strip=True) == "This link does not work"


def test_officers_see_grouped_reminders_in_each_premises_history(mail_app, smtp_server, runner, officer_client):
    scheme = Scheme()
    _run_day(runner, day(1))
    for premises in (scheme.swan, scheme.kebab):
        page = get_page(officer_client, f"/officer/premises/{premises.id}/messages")
        assert "3 reminders from Spot It Stop It" in text_of(page)
    page = get_page(officer_client, f"/officer/premises/{scheme.bell.id}/messages")
    assert "reminders" not in text_of(page)


def test_the_business_home_shows_renew_as_a_task_once_renewal_opens(app):
    from scheme.domain.premises.business_home import home_for

    scheme = Scheme()
    [swan] = [s for s in home_for(scheme.ann, day(0)) if s.premises.id == scheme.swan.id]
    assert swan.renew_by is None  # 61 days left: the window (60 days) has not opened
    [swan] = [s for s in home_for(scheme.ann, day(1)) if s.premises.id == scheme.swan.id]
    assert swan.renew_by == day(61)

    owner = factories.make_user()
    soon = factories.make_premises(owner=owner, name="Expiring Soon", status=ApplicationStatus.MEMBER)
    later = factories.make_premises(owner=owner, name="Expiring Later", status=ApplicationStatus.MEMBER)
    make_certificate(soon, expires_on=date.today() + timedelta(days=20))
    make_certificate(later, expires_on=date.today() + timedelta(days=90))
    page = get_page(app.test_client(user=owner), "/business/")
    cards = {card.select_one(".govuk-summary-card__title").get_text(strip=True): card
             for card in page.select(".govuk-summary-card")}
    task = cards["Expiring Soon"].select_one('[data-task="renew"]')
    assert "To do: renew your certificate" in text_of(task)
    assert cards["Expiring Later"].select_one('[data-task="renew"]') is None


def test_training_renewed_in_time_is_not_reminded(app, runner):
    scheme = Scheme()
    kim = db.session.scalar(db.select(TrainingRecord).join(TrainingRecord.staff_member)
                            .where(TrainingRecord.staff_member.has(name="Kim Cook")))
    db.session.add(TrainingRecord(staff_member_id=kim.staff_member_id, module_id=kim.module_id,
                                  completed_on=START, expires_on=day(365), evidence=TrainingEvidence.ONLINE_CERTIFICATE))
    db.session.commit()
    due = {(d.user_id, d.kind) for n in (1, 40) for d in reminders.due_reminders(day(n))}
    assert (scheme.ann.id, ReminderKind.TRAINING_EXPIRY) not in due
    assert (scheme.ann.id, ReminderKind.CERTIFICATE_EXPIRY) in due
