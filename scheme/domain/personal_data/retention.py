"""apply-retention: what the privacy notice promises is erased, erased, on the day it falls due.
Safe to run from cron as often as you like: what is already erased is not touched again."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from scheme.domain import audit_log
from scheme.domain.dates import add_months
from scheme.domain.settings import SchemeSettings
from scheme.domain.transaction import service
from scheme.extensions import db
from scheme.models import OutboxMessage, StaffMember, StoredFile, TrainingRecord

# What a member of staff is called once their name is erased (the role and dates stay).
ERASED_NAME = "Name erased"


@dataclass(frozen=True)
class RetentionResult:
    staff_erased: int
    files_erased: int
    email_texts_erased: int


def erase_staff(people: list[StaffMember], today: date) -> int:
    """Erase the name and uploaded certificates of these members of staff; their job role, dates
    and training stay, so the scheme's counts do not change. Returns the files removed."""
    if not people:
        return 0
    ids = [person.id for person in people]
    file_ids = list(db.session.scalars(
        db.select(TrainingRecord.certificate_file_id)
        .where(TrainingRecord.staff_member_id.in_(ids), TrainingRecord.certificate_file_id.is_not(None))
    ))
    if file_ids:
        db.session.execute(db.update(TrainingRecord).where(TrainingRecord.certificate_file_id.in_(file_ids))
                           .values(certificate_file_id=None))
        db.session.execute(db.delete(StoredFile).where(StoredFile.id.in_(file_ids)))
    for person in people:
        person.name = ERASED_NAME
        person.erased_on = today
    return len(file_ids)


def _staff_due(today: date, months: int) -> list[StaffMember]:
    # left_on is the first day not there: erased once the retention period from it has passed.
    return list(db.session.scalars(
        db.select(StaffMember)
        .where(StaffMember.left_on.is_not(None), StaffMember.left_on <= add_months(today, -months),
               StaffMember.erased_on.is_(None))
        .order_by(StaffMember.premises_id, StaffMember.id)
    ))


def _erase_old_email_texts(today: date, days: int) -> int:
    # Sent emails, and those given up on, lose their text (reset links included); who they
    # went to, when and whether they arrived stay for the premises' message history.
    before = datetime.combine(today - timedelta(days=days), time.min, tzinfo=timezone.utc)
    old = ((OutboxMessage.sent_at < before) | (OutboxMessage.failed_at < before)) & (
        (OutboxMessage.text_body != "") | (OutboxMessage.html_body != ""))
    return db.session.execute(db.update(OutboxMessage).where(old).values(text_body="", html_body="")).rowcount


@service
def apply_retention(today: date, rules: SchemeSettings) -> RetentionResult:
    people = _staff_due(today, rules.staff_retention_months)
    files = erase_staff(people, today)
    for premises_id, count in sorted(Counter(person.premises_id for person in people).items()):
        audit_log.record(None, "retention.staff_erased", premises_id=premises_id,
                         details=f"{count} left more than {rules.staff_retention_months} months ago")
    emails = _erase_old_email_texts(today, rules.sent_email_retention_days)
    if emails:
        audit_log.record(None, "retention.email_texts_erased",
                         details=f"{emails} sent more than {rules.sent_email_retention_days} days ago")
    return RetentionResult(staff_erased=len(people), files_erased=files, email_texts_erased=emails)
