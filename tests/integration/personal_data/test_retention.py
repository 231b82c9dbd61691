"""apply-retention erases what the privacy notice says it keeps no longer, and nothing else."""

from datetime import date, datetime, timedelta, timezone

import pytest

from scheme.domain import settings
from scheme.domain.dates import add_months
from scheme.domain.personal_data.retention import ERASED_NAME, apply_retention
from scheme.extensions import db
from scheme.models import AuditLogEntry, OutboxMessage, StaffMember, StoredFile, TrainingRecord
from tests import factories
from tests.factories_training import make_record
from tests.pages import get_page, text_of

TODAY = date(2026, 12, 1)


@pytest.fixture
def premises(app):
    return factories.make_premises()


@pytest.fixture
def module(app):
    return factories.make_module()


def _leaver(premises, module, *, left_on: date, name: str) -> StaffMember:
    person = factories.make_staff(premises, name=name, left_on=left_on, started_on=date(2020, 1, 6))
    stored = StoredFile(premises_id=premises.id, filename=f"{name}.pdf", content_type="application/pdf", content=b"%PDF-1.4")
    db.session.add(stored)
    db.session.commit()
    make_record(person, module, completed_on=date(2023, 5, 1), certificate_file_id=stored.id)
    return person


def test_leavers_past_the_retention_period_lose_their_name_and_certificates_only(app, premises, module):
    cutoff = add_months(TODAY, -24)
    gone = _leaver(premises, module, left_on=cutoff, name="Gemma Gone")
    recent = _leaver(premises, module, left_on=cutoff + timedelta(days=1), name="Rhys Recent")
    current = factories.make_staff(premises, name="Carla Current")

    result = apply_retention(TODAY, settings.load())

    assert (result.staff_erased, result.files_erased) == (1, 1)
    db.session.expire_all()
    assert (gone.name, gone.erased_on, gone.job_role, gone.left_on) == (ERASED_NAME, TODAY, gone.job_role, cutoff)
    assert (recent.name, current.name) == ("Rhys Recent", "Carla Current")
    assert db.session.scalar(db.select(TrainingRecord.certificate_file_id).where(TrainingRecord.staff_member_id == gone.id)) is None
    assert db.session.scalar(db.select(db.func.count()).select_from(TrainingRecord)
                             .where(TrainingRecord.staff_member_id == gone.id)) == 1  # still counted
    assert db.session.scalars(db.select(StoredFile.filename)).all() == ["Rhys Recent.pdf"]
    [entry] = db.session.scalars(db.select(AuditLogEntry).where(AuditLogEntry.action == "retention.staff_erased"))
    assert entry.premises_id == premises.id and "Gemma" not in entry.details


def test_running_again_erases_nothing_more_and_logs_nothing_more(app, premises, module):
    _leaver(premises, module, left_on=date(2023, 1, 1), name="Gemma Gone")
    apply_retention(TODAY, settings.load())
    entries = db.session.scalar(db.select(db.func.count()).select_from(AuditLogEntry))
    again = apply_retention(TODAY, settings.load())
    assert (again.staff_erased, again.files_erased, again.email_texts_erased) == (0, 0, 0)
    assert db.session.scalar(db.select(db.func.count()).select_from(AuditLogEntry)) == entries


def test_the_retention_period_is_the_schemes_setting(app, premises, module):
    person = _leaver(premises, module, left_on=add_months(TODAY, -6), name="Sam Six")
    assert apply_retention(TODAY, settings.load()).staff_erased == 0
    settings.save(staff_retention_months=6)
    assert apply_retention(TODAY, settings.load()).staff_erased == 1
    db.session.expire_all()
    assert person.name == ERASED_NAME


def test_old_email_texts_are_erased_but_the_record_of_sending_stays(app):
    def message(days_ago: int | None, text: str) -> OutboxMessage:
        sent = datetime(2026, 12, 1, 8, tzinfo=timezone.utc) - timedelta(days=days_ago) if days_ago is not None else None
        row = OutboxMessage(to="owner@example.com", subject="Reset your password", text_body=text,
                            html_body=f"<p>{text}</p>", sent_at=sent)
        db.session.add(row)
        return row

    old, recent, unsent = message(91, "old link"), message(89, "recent link"), message(None, "waiting")
    db.session.commit()
    assert apply_retention(TODAY, settings.load()).email_texts_erased == 1
    db.session.expire_all()
    assert (old.text_body, old.html_body, old.to, old.subject) == ("", "", "owner@example.com", "Reset your password")
    assert old.sent_at is not None
    assert (recent.text_body, unsent.text_body) == ("recent link", "waiting")


def test_the_command_takes_the_day_to_apply_it_as_of(app, runner, premises, module):
    _leaver(premises, module, left_on=date(2025, 1, 1), name="Gemma Gone")
    result = runner.invoke(args=["apply-retention", "--today", "2026-12-01"])
    assert result.exit_code == 0, result.output
    assert "Erased 0 leavers' names" in result.output
    result = runner.invoke(args=["apply-retention", "--today", "2027-01-01"])
    assert "Erased 1 leavers' names (1 certificate files)" in result.output


def test_the_privacy_notice_states_the_periods_in_force(app, client):
    settings.save(staff_retention_months=18, sent_email_retention_days=30)
    db.session.commit()
    page = text_of(get_page(client, "/privacy"))
    assert "until 18 months after they leave" in page and "30 days, then erased" in page
