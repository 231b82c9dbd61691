"""CSV import of staff and completions for one premises: check every row, preview, then
import in one transaction (all rows, or only the valid ones when the user says so)."""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date

from scheme.domain import audit_log
from scheme.domain.access import is_staff, premises_for
from scheme.domain.csv_safety import csv_text, looks_like_formula
from scheme.domain.errors import DomainError, NotFound
from scheme.domain.training.common import expiry_for, job_role_from
from scheme.domain.transaction import service
from scheme.enums import JobRole, TrainingEvidence
from scheme.extensions import db
from scheme.models import StaffMember, StoredFile, TrainingModule, TrainingRecord, User

COLUMNS = ["name", "job_role", "started_on", "left_on", "module", "completed_on"]
REQUIRED_COLUMNS = {"name", "job_role", "module", "completed_on"}
MAX_ROWS = 20_000
MAX_BYTES = 10 * 1024 * 1024
CSV_CONTENT_TYPE = "text/csv"
LABELS = {"started_on": "start date", "left_on": "leaving date", "completed_on": "completion date"}
UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


class ImportRefused(DomainError):
    """The file as a whole cannot be read; nothing about single rows can be said."""


@dataclass
class ImportRow:
    number: int  # as a spreadsheet numbers it: the header is row 1
    name: str
    job_role: JobRole | None = None
    started_on: date | None = None
    left_on: date | None = None
    module: TrainingModule | None = None
    completed_on: date | None = None
    errors: list[str] = field(default_factory=list)
    duplicate: bool = False  # this completion is already recorded: it is skipped


@dataclass
class ImportPreview:
    rows: list[ImportRow]

    @property
    def error_rows(self) -> list[ImportRow]:
        return [row for row in self.rows if row.errors]

    @property
    def valid_rows(self) -> list[ImportRow]:
        return [row for row in self.rows if not row.errors]

    @property
    def messages(self) -> list[str]:
        return [f"Row {row.number}: {error}" for row in self.rows for error in row.errors]


def template_csv() -> str:
    return csv_text(COLUMNS, [
        ["Sam Patel", "Reception", "01/04/2025", "", "Spot It Stop It briefing", "14/05/2025"],
        ["Sam Patel", "Reception", "01/04/2025", "", "CSE awareness online course", "20/05/2025"],
        ["Jo Smith", "Night manager", "15/01/2026", "", "", ""],
    ])


def _decode(content: bytes) -> str:
    if not content.strip():
        raise ImportRefused("The selected file is empty")
    if len(content) > MAX_BYTES:
        raise ImportRefused("The file must be smaller than 10 MB")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRefused(
            "The file is not saved as UTF-8 text. In your spreadsheet, choose Save as, then 'CSV UTF-8'"
        ) from None


def _parse_date(value: str, label: str, errors: list[str]) -> date | None:
    value = value.strip()
    if not value:
        return None
    match = UK_DATE.match(value)
    if match:
        day, month, year = (int(part) for part in match.groups())
    elif match := ISO_DATE.match(value):
        year, month, day = (int(part) for part in match.groups())
    else:
        errors.append(f"{label} {value!r} is not a date: write it as DD/MM/YYYY, like 14/03/2026")
        return None
    try:
        return date(year, month, day)
    except ValueError:
        errors.append(f"{label} {value} is not a real date")
        return None


def parse(premises_id: int, content: bytes, today: date) -> ImportPreview:
    text = _decode(content)
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        header = next(reader, None)
        raw_rows = []
        for raw in reader:
            if any(cell.strip() for cell in raw):
                raw_rows.append((reader.line_num, raw))
            if len(raw_rows) > MAX_ROWS:
                raise ImportRefused(f"The file has more than {MAX_ROWS:,} rows. Split it into smaller files")
    except csv.Error:
        raise ImportRefused("The file is not a CSV file that can be read. Save it from your spreadsheet as 'CSV UTF-8'") from None
    if header is None or not raw_rows:
        raise ImportRefused("The file has no rows to import below its header row")
    columns = [cell.strip().casefold().replace(" ", "_") for cell in header]
    unknown = [column for column in columns if column and column not in COLUMNS]
    missing = [column for column in COLUMNS if column in REQUIRED_COLUMNS and column not in columns]
    if unknown or missing or len(set(columns)) != len(columns):
        raise ImportRefused(
            "The columns must be: " + ", ".join(COLUMNS) + ". "
            + (f"Missing: {', '.join(missing)}. " if missing else "")
            + (f"Not recognised: {', '.join(unknown)}. " if unknown else "")
            + "Download the template to see the layout"
        )
    index = {column: position for position, column in enumerate(columns)}

    modules = {module.title.casefold(): module for module in db.session.scalars(
        db.select(TrainingModule).where(TrainingModule.active.is_(True)))}
    existing_staff = {person.name.casefold(): person for person in db.session.scalars(
        db.select(StaffMember).where(StaffMember.premises_id == premises_id))}
    recorded = set(db.session.execute(
        db.select(StaffMember.name, TrainingRecord.module_id, TrainingRecord.completed_on)
        .join(TrainingRecord).where(StaffMember.premises_id == premises_id)
    ).all())
    recorded = {(name.casefold(), module_id, completed_on) for name, module_id, completed_on in recorded}

    rows = []
    first_role: dict[str, tuple[int, JobRole]] = {}
    for line_number, raw in raw_rows:
        cells = {column: (raw[position].strip() if position < len(raw) else "") for column, position in index.items()}
        errors: list[str] = []
        if len(raw) > len(columns):
            errors.append(f"has {len(raw)} cells but the header has {len(columns)} columns")
        for column, value in cells.items():
            if looks_like_formula(value):
                errors.append(f"{column.replace('_', ' ')} {value[:30]!r} starts with {value[0]!r}, "
                              "which a spreadsheet would run as a formula")
        name = cells.get("name", "")
        row = ImportRow(number=line_number, name=name, errors=errors)
        if not name:
            errors.append("enter the person's name")
        elif len(name) > 200:
            errors.append("name must be 200 characters or fewer")
        key = name.casefold()
        role_text = cells.get("job_role", "")
        if role_text:
            try:
                row.job_role = job_role_from(role_text)
            except DomainError as error:
                errors.append(str(error))
        elif key in first_role:
            row.job_role = first_role[key][1]
        elif key in existing_staff:
            row.job_role = existing_staff[key].job_role
        else:
            errors.append("enter the job role of this new member of staff")
        if row.job_role and key:
            seen = first_role.setdefault(key, (line_number, row.job_role))
            if seen[1] != row.job_role:
                errors.append(f"job role differs from row {seen[0]} for the same person")
        row.started_on = _parse_date(cells.get("started_on", ""), LABELS["started_on"], errors)
        row.left_on = _parse_date(cells.get("left_on", ""), LABELS["left_on"], errors)
        if row.started_on and row.left_on and row.left_on < row.started_on:
            errors.append("leaving date is before the start date")
        module_text = cells.get("module", "")
        row.completed_on = _parse_date(cells.get("completed_on", ""), LABELS["completed_on"], errors)
        if module_text:
            row.module = modules.get(module_text.casefold())
            if row.module is None:
                errors.append(f"module {module_text!r} is not a training module of the scheme")
            if row.completed_on is None and not any(LABELS["completed_on"] in error for error in errors):
                errors.append("enter the completion date for the module")
        elif row.completed_on is not None:
            errors.append("enter the module that was completed")
        if row.completed_on and row.completed_on > today:
            errors.append(f"completion date {row.completed_on:%d/%m/%Y} is in the future")
        if row.module and row.completed_on:
            completion = (key, row.module.id, row.completed_on)
            row.duplicate = completion in recorded
            recorded.add(completion)
        rows.append(row)
    return ImportPreview(rows)


def _stored_import(user: User, premises_id: int, file_id: int) -> StoredFile:
    premises_for(user, premises_id)
    stored = db.session.get(StoredFile, file_id)
    if stored is None or stored.premises_id != premises_id or stored.content_type != CSV_CONTENT_TYPE:
        raise NotFound("There is no such import")
    return stored


@service
def upload_import(actor: User, premises_id: int, filename: str, content: bytes, today: date) -> StoredFile:
    """Keep the uploaded CSV (privately, with the premises) so the preview and the import read
    the same file; refuse a file that cannot be read at all."""
    premises_for(actor, premises_id)
    parse(premises_id, content, today)
    # Only the latest upload is kept: an abandoned preview should not keep staff names around.
    db.session.execute(db.delete(StoredFile).where(StoredFile.premises_id == premises_id,
                                                   StoredFile.content_type == CSV_CONTENT_TYPE))
    stored = StoredFile(premises_id=premises_id, filename=filename[:200] or "import.csv",
                        content_type=CSV_CONTENT_TYPE, content=content)
    db.session.add(stored)
    db.session.flush()
    audit_log.record(actor, "training.import_uploaded", premises_id=premises_id, subject=f"stored_file:{stored.id}")
    return stored


def preview_import(user: User, premises_id: int, file_id: int, today: date) -> ImportPreview:
    return parse(premises_id, _stored_import(user, premises_id, file_id).content, today)


@dataclass(frozen=True)
class ImportResult:
    staff_added: int
    completions_added: int
    rows_skipped: int


@service
def run_import(actor: User, premises_id: int, file_id: int, only_valid: bool, today: date) -> ImportResult:
    stored = _stored_import(actor, premises_id, file_id)
    preview = parse(premises_id, stored.content, today)
    if preview.error_rows and not only_valid:
        raise DomainError("Nothing was imported: correct the rows with errors, or choose to import only the valid rows")
    if not preview.valid_rows:
        raise DomainError("Nothing was imported: no row is valid")
    people = {person.name.casefold(): person for person in db.session.scalars(
        db.select(StaffMember).where(StaffMember.premises_id == premises_id))}
    new_people: dict[str, dict] = {}
    completions: list[tuple[str, ImportRow]] = []
    for row in preview.valid_rows:
        key = row.name.casefold()
        person = people.get(key)
        if person is not None:
            person.started_on = row.started_on or person.started_on
            person.left_on = row.left_on or person.left_on
        elif key not in new_people:
            new_people[key] = dict(premises_id=premises_id, name=row.name, job_role=row.job_role,
                                   started_on=row.started_on, left_on=row.left_on, is_safeguarding_lead=False)
        if row.module and row.completed_on and not row.duplicate:
            completions.append((key, row))
    # Set-based inserts: thousands of rows in a few statements rather than one object each.
    staff_ids = {key: person.id for key, person in people.items()}
    if new_people:
        inserted = db.session.scalars(
            db.insert(StaffMember).returning(StaffMember.id, sort_by_parameter_order=True), list(new_people.values())
        ).all()
        staff_ids.update(zip(new_people.keys(), inserted))
    if completions:
        # For a module that says so, what a business imports counts once an officer approves it;
        # an officer importing has checked it.
        officer = is_staff(actor)
        db.session.execute(db.insert(TrainingRecord), [
            dict(staff_member_id=staff_ids[key], module_id=row.module.id, completed_on=row.completed_on,
                 expires_on=expiry_for(row.module, row.completed_on), evidence=TrainingEvidence.IMPORTED,
                 needs_approval=row.module.business_records_need_approval,
                 approved_by_id=actor.id if officer and row.module.business_records_need_approval else None)
            for key, row in completions
        ])
    staff_added, completions_added = len(new_people), len(completions)
    db.session.delete(stored)
    result = ImportResult(staff_added, completions_added, len(preview.error_rows))
    audit_log.record(actor, "training.imported", premises_id=premises_id,
                 details=f"{staff_added} staff, {completions_added} completions, {result.rows_skipped} rows skipped")
    return result


def export_csv(premises_id: int) -> str:
    """Every person and their training records, formula cells neutralised."""
    people = db.session.scalars(
        db.select(StaffMember).where(StaffMember.premises_id == premises_id).order_by(StaffMember.name)
    )
    modules = {module.id: module.title for module in db.session.scalars(db.select(TrainingModule))}
    records: dict[int, list[TrainingRecord]] = {}
    for record in db.session.scalars(
        db.select(TrainingRecord).join(StaffMember).where(StaffMember.premises_id == premises_id)
        .order_by(TrainingRecord.completed_on)
    ):
        records.setdefault(record.staff_member_id, []).append(record)

    def day(value: date | None) -> str:
        return value.strftime("%d/%m/%Y") if value else ""

    rows = []
    for person in people:
        base = [person.name, person.job_role.label, day(person.started_on), day(person.left_on)]
        for record in records.get(person.id, []) or [None]:
            if record is None:
                rows.append(base + ["", "", ""])
            else:
                rows.append(base + [modules[record.module_id], day(record.completed_on), day(record.expires_on)])
    return csv_text(COLUMNS + ["expires_on"], rows)
