"""Everything the service holds about one business, for a subject access request (a zip of JSON
and CSV), and erasing a business's account."""

import io
import json
import zipfile
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa

from scheme.domain import audit_log
from scheme.domain.access import require_admin
from scheme.domain.certificates.state import current_certificate_of, valid_clause
from scheme.domain.csv_safety import csv_text
from scheme.domain.errors import InvalidState
from scheme.domain.lookup import get_or_not_found
from scheme.domain.personal_data.retention import erase_staff
from scheme.domain.transaction import service
from scheme.enums import Role
from scheme.extensions import db
from scheme.models import (
    Action,
    Assessment,
    AssessmentAnswer,
    Base,
    EvidencePhoto,
    OutboxMessage,
    Premises,
    PremisesMember,
    StaffMember,
    StoredFile,
    User,
)

# Never handed out, even to the account's owner: they would let someone sign in as them.
_SECRET_COLUMN_WORDS = ("password", "secret", "recovery")
_FILE_EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "application/pdf": "pdf", "text/csv": "csv"}
ERASED_USER_NAME = "Erased user"


def _is_secret(column: sa.Column) -> bool:
    return any(word in column.name for word in _SECRET_COLUMN_WORDS)


def _single_id_tables() -> dict[str, sa.Table]:
    return {name: table for name, table in Base.metadata.tables.items()
            if [column.name for column in table.primary_key.columns] == ["id"]}


def _rows_held(premises_id: int) -> dict[str, list[dict]]:
    """The premises' row, its members' accounts, and every row that hangs from them by a foreign
    key (staff, training, visits, actions, certificates, emails, the log about them...), found
    by walking the schema so that a table added later is included without anyone remembering."""
    tables = Base.metadata.tables
    member_ids = list(db.session.scalars(db.select(PremisesMember.user_id).where(PremisesMember.premises_id == premises_id)))
    held: dict[str, dict[tuple, dict]] = {}

    def add(table: sa.Table, rows) -> bool:
        found = held.setdefault(table.name, {})
        before = len(found)
        for row in rows:
            values = dict(row._mapping)
            found.setdefault(tuple(values[column.name] for column in table.primary_key.columns), values)
        return len(found) > before

    add(tables["premises"], db.session.execute(sa.select(tables["premises"]).where(tables["premises"].c.id == premises_id)))
    if member_ids:
        users = tables["user"]
        add(users, db.session.execute(sa.select(users).where(users.c.id.in_(member_ids))))
        # Account emails (confirmations, password resets) name no premises: found by address.
        outbox = tables["outbox_message"]
        add(outbox, db.session.execute(sa.select(outbox).where(
            outbox.c.to.in_(sa.select(users.c.email).where(users.c.id.in_(member_ids))))))
    parents = _single_id_tables()
    grew = True
    while grew:
        grew = False
        for table in tables.values():
            for key in table.foreign_keys:
                parent = key.column.table
                if parent.name not in parents or parent.name not in held:
                    continue
                ids = [primary[0] for primary in held[parent.name]]
                if ids:
                    grew |= add(table, db.session.execute(sa.select(table).where(key.parent.in_(ids))))
    return {name: [rows[primary] for primary in sorted(rows, key=str)] for name, rows in sorted(held.items())}


def _plain(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if hasattr(value, "value"):  # enums
        return value.value
    return value


def export_zip(admin: User, premises_id: int, today: date) -> bytes:
    """A zip with one JSON and one CSV file per table, and the uploaded files themselves."""
    require_admin(admin, "Only an admin can export a business's data")
    premises = get_or_not_found(Premises, premises_id, "There is no such premises")
    held = _rows_held(premises.id)
    tables = Base.metadata.tables
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, rows in held.items():
            table = tables[name]
            columns = [column for column in table.columns if not _is_secret(column)]
            records = []
            for row in rows:
                record = {}
                for column in columns:
                    value = row[column.name]
                    if isinstance(value, bytes):
                        extension = _FILE_EXTENSIONS.get(row.get("content_type", ""), "bin")
                        path = f"files/{name}-{row['id']}.{extension}"
                        archive.writestr(path, value)
                        value = path
                    record[column.name] = _plain(value)
                records.append(record)
            archive.writestr(f"{name}.json", json.dumps(records, indent=2, ensure_ascii=False))
            archive.writestr(f"{name}.csv", csv_text([column.name for column in columns],
                                                     ([record[column.name] for column in columns] for record in records)))
        archive.writestr("README.txt", _readme(premises, today, held))
    audit_log.record_read(admin, "premises.data_exported", premises_id=premises.id)
    return output.getvalue()


def _readme(premises: Premises, today: date, held: dict[str, list[dict]]) -> str:
    counts = "\n".join(f"  {name}: {len(rows)}" for name, rows in held.items())
    return (f"Everything held about premises {premises.id} ({premises.name}), as at {today.isoformat()}.\n"
            "One JSON and one CSV file per kind of record; uploaded files are in files/.\n"
            "Passwords and sign-in secrets are not included.\n\nRecords:\n" + counts + "\n")


@dataclass(frozen=True)
class Erasure:
    users_erased: int
    staff_erased: int
    files_erased: int
    photos_erased: int
    emails_erased: int


def _valid_certificate_number(premises_id: int, today: date) -> str | None:
    current = current_certificate_of(premises_id).subquery()
    return db.session.scalar(sa.select(current.c.number).where(valid_clause(current.c, today)))


@service
def erase_business(admin: User, premises_id: int, today: date) -> Erasure:
    """Erase a business's account: its users' names, emails and passwords, its staff's names,
    uploaded files, evidence photos and the text of its emails. What the scheme must keep to
    stay truthful (the premises, its certificates and visits, the access trail) stays."""
    require_admin(admin, "Only an admin can erase a business's account")
    premises = get_or_not_found(Premises, premises_id, "There is no such premises")
    number = _valid_certificate_number(premises.id, today)
    if number:
        raise InvalidState(f"Certificate {number} is still valid: revoke it before erasing the business's account")

    members = list(db.session.scalars(db.select(User).join(PremisesMember).where(PremisesMember.premises_id == premises.id)))
    others = set(db.session.scalars(db.select(PremisesMember.user_id).where(
        PremisesMember.user_id.in_([user.id for user in members]), PremisesMember.premises_id != premises.id)))
    erased_users = [user for user in members if user.role == Role.BUSINESS and user.id not in others]
    emails = {user.email for user in erased_users} | {address for address in (premises.email, premises.lead_email) if address}
    for user in erased_users:
        user.name, user.email = ERASED_USER_NAME, f"erased-{user.id}@erased.invalid"
        user.password_hash, user.active, user.session_version = "!", False, user.session_version + 1
    db.session.execute(db.delete(PremisesMember).where(PremisesMember.premises_id == premises.id))

    staff = list(db.session.scalars(db.select(StaffMember).where(StaffMember.premises_id == premises.id,
                                                                 StaffMember.erased_on.is_(None))))
    files = erase_staff(staff, today)
    files += db.session.execute(db.delete(StoredFile).where(StoredFile.premises_id == premises.id)).rowcount

    answer_ids = db.select(AssessmentAnswer.id).join(Assessment).where(Assessment.premises_id == premises.id)
    action_ids = db.select(Action.id).where(Action.premises_id == premises.id)
    photos = db.session.execute(db.delete(EvidencePhoto).where(
        EvidencePhoto.answer_id.in_(answer_ids) | EvidencePhoto.action_id.in_(action_ids))).rowcount

    messages = db.session.execute(
        db.update(OutboxMessage)
        .where((OutboxMessage.premises_id == premises.id) | OutboxMessage.to.in_(sorted(emails)))
        .values(to="erased@erased.invalid", text_body="", html_body="")
    ).rowcount

    premises.phone = premises.email = premises.lead_phone = premises.lead_email = ""
    if premises.home_based:  # a home address is the owner's personal data
        premises.address_line_1, premises.address_line_2 = "Address erased", ""

    result = Erasure(users_erased=len(erased_users), staff_erased=len(staff), files_erased=files,
                     photos_erased=photos, emails_erased=messages)
    audit_log.record(admin, "premises.erased", premises_id=premises.id,
                     details=(f"{result.users_erased} accounts, {result.staff_erased} staff names, "
                              f"{result.files_erased} files, {result.photos_erased} photos, "
                              f"{result.emails_erased} emails erased"))
    return result
