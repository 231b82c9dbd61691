"""The audit log is append-only and hash-chained: verify-audit-log names what changed behind
the service's back, on SQLite and PostgreSQL alike."""

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError

from scheme.domain import audit_log
from scheme.domain.transaction import service
from scheme.extensions import db
from scheme.models import AuditLogEntry
from tests.pages import get_page


@service
def _write_entries(actor, count: int) -> None:
    for number in range(count):
        audit_log.record(actor, "test.entry", subject=f"thing:{number}", details=f"entry {number}")


def _behind_the_apps_back(statement: str) -> None:
    """What someone with the database's own credentials could do: lift the append-only trigger
    (inside the test's transaction, so it comes back afterwards) and change the table."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(sa.text("ALTER TABLE audit_log_entry DISABLE TRIGGER USER"))
    else:
        db.session.execute(sa.text("DROP TRIGGER audit_log_entry_no_update"))
        db.session.execute(sa.text("DROP TRIGGER audit_log_entry_no_delete"))
    db.session.execute(sa.text(statement))


def _sequence_of(offset: int) -> int:
    return db.session.scalars(db.select(AuditLogEntry.sequence).order_by(AuditLogEntry.sequence).offset(offset)).first()


def test_entries_follow_one_another_within_and_across_transactions(app, officer):
    _write_entries(officer, 3)
    _write_entries(None, 2)
    rows = db.session.execute(db.select(AuditLogEntry.sequence, AuditLogEntry.previous_hash, AuditLogEntry.entry_hash)
                              .order_by(AuditLogEntry.sequence)).all()
    assert [row.sequence for row in rows] == list(range(1, len(rows) + 1))
    assert all(row.previous_hash == before.entry_hash for before, row in zip(rows, rows[1:]))


def test_verify_passes_on_an_untouched_log_and_records_the_check(app, runner, officer):
    _write_entries(officer, 4)
    result = runner.invoke(args=["verify-audit-log"])
    assert result.exit_code == 0, result.output
    assert "intact" in result.output
    assert audit_log.latest_check().problem == ""


def test_verify_names_an_entry_updated_behind_the_apps_back(app, runner, officer):
    _write_entries(officer, 5)
    altered = _sequence_of(2)
    _behind_the_apps_back(f"UPDATE audit_log_entry SET details = 'nothing happened' WHERE sequence = {altered}")
    result = runner.invoke(args=["verify-audit-log"])
    assert result.exit_code == 1
    assert f"entry {altered} " in result.output and "altered" in result.output
    assert "altered" in audit_log.latest_check().problem


def test_verify_names_a_deleted_entry(app, runner, officer):
    _write_entries(officer, 5)
    removed = _sequence_of(3)
    _behind_the_apps_back(f"DELETE FROM audit_log_entry WHERE sequence = {removed}")
    result = runner.invoke(args=["verify-audit-log"])
    assert result.exit_code == 1
    assert f"entry {removed} is missing" in result.output


def test_verify_names_an_inserted_entry(app, runner, officer):
    _write_entries(officer, 3)
    last = _sequence_of(2)
    _behind_the_apps_back(
        "INSERT INTO audit_log_entry (at, action, subject, details, sequence, previous_hash, entry_hash) "
        f"VALUES (CURRENT_TIMESTAMP, 'certificate.issued', '', 'forged', {last + 1}, 'x', 'y')")
    result = runner.invoke(args=["verify-audit-log"])
    assert result.exit_code == 1
    assert f"entry {last + 1} " in result.output


def test_entries_cut_from_the_end_after_a_clean_check_are_found(app, runner, officer):
    _write_entries(officer, 4)
    assert runner.invoke(args=["verify-audit-log"]).exit_code == 0
    last = _sequence_of(3)
    _behind_the_apps_back(f"DELETE FROM audit_log_entry WHERE sequence >= {last - 1}")
    result = runner.invoke(args=["verify-audit-log"])
    assert result.exit_code == 1
    assert "removed from its end" in result.output


@pytest.mark.parametrize("statement", [
    "UPDATE audit_log_entry SET details = 'changed'",
    "DELETE FROM audit_log_entry",
])
def test_the_database_refuses_to_change_or_remove_entries(app, officer, statement):
    _write_entries(officer, 2)
    with pytest.raises(DBAPIError, match="append-only"):
        with db.session.begin_nested():
            db.session.execute(sa.text(statement))
    assert db.session.scalar(db.select(sa.func.count()).select_from(AuditLogEntry)) >= 2


def test_the_officers_log_page_says_when_the_chain_was_last_checked(app, runner, officer, officer_client):
    page = get_page(officer_client, "/officer/audit-log")
    assert "has not been checked yet" in page.select_one("#chain-check").text
    _write_entries(officer, 2)
    runner.invoke(args=["verify-audit-log"])
    page = get_page(officer_client, "/officer/audit-log")
    assert "are unaltered" in page.select_one("#chain-check").text
    _behind_the_apps_back("UPDATE audit_log_entry SET details = 'rewritten'")
    runner.invoke(args=["verify-audit-log"])
    page = get_page(officer_client, "/officer/audit-log")
    assert "tampered with" in page.select_one("#chain-check").text
