"""Training records, their evidence, private certificate uploads and officers' approvals."""

import math
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import contains_eager, joinedload

from scheme.domain import audit_log, pdfs, photos
from scheme.domain.access import is_staff, premises_for, require_staff
from scheme.domain.errors import DomainError, NotFound
from scheme.domain.training.common import expiry_for, get_module
from scheme.domain.training.rule import awaiting_approval, why_awaiting_approval
from scheme.domain.training.staff import staff_member_for
from scheme.domain.transaction import service
from scheme.enums import TrainingEvidence
from scheme.extensions import db
from scheme.models import StaffMember, StoredFile, TrainingRecord, User

MAX_CERTIFICATE_BYTES = 10 * 1024 * 1024
# What a file really is, by its first bytes, whatever its name or the browser says.
SIGNATURES = {
    b"%PDF-": ("application/pdf", "pdf"),
    b"\xff\xd8\xff": ("image/jpeg", "jpg"),
    b"\x89PNG\r\n\x1a\n": ("image/png", "png"),
}


@dataclass(frozen=True)
class Upload:
    filename: str
    content: bytes


def sniff_type(content: bytes) -> tuple[str, str]:
    for signature, kind in SIGNATURES.items():
        if content.startswith(signature):
            return kind
    raise DomainError("The certificate must be a PDF, JPEG or PNG file")


def _without_metadata(content: bytes, content_type: str) -> bytes:
    # Photos of certificates can carry GPS and camera details, PDFs scripts, attachments and
    # their author: keep only the pixels, or the pages.
    if content_type == "application/pdf":
        return pdfs.clean_pdf(content)
    return photos.clean_image(content, what="certificate").content


def store_certificate(premises_id: int, upload: Upload) -> StoredFile:
    if not upload.content:
        raise DomainError("The selected file is empty")
    if len(upload.content) > MAX_CERTIFICATE_BYTES:
        raise DomainError("The certificate must be smaller than 10 MB")
    content_type, extension = sniff_type(upload.content)
    stem = "".join(ch for ch in upload.filename.rsplit(".", 1)[0] if ch.isalnum() or ch in " -_")[:80].strip()
    stored = StoredFile(premises_id=premises_id, filename=f"{stem or 'certificate'}.{extension}",
                        content_type=content_type, content=_without_metadata(upload.content, content_type))
    db.session.add(stored)
    db.session.flush()
    return stored


@dataclass(frozen=True)
class RecordDetails:
    module_id: int
    completed_on: date
    evidence: TrainingEvidence
    certificate: Upload | None = None


def check_completion_date(completed_on: date, today: date, *, label: str = "The completion date") -> None:
    if completed_on > today:
        raise DomainError(f"{label} must be today or in the past")


SESSIONS_COME_FROM_REGISTERS = ("A scheme training session is recorded when the officer who ran it closes its register: "
                                "choose how else the training was done")


@service
def record_training(actor: User, staff_id: int, details: RecordDetails, today: date) -> TrainingRecord:
    person = staff_member_for(actor, staff_id)
    module = get_module(details.module_id)
    check_completion_date(details.completed_on, today)
    if details.evidence is TrainingEvidence.SCHEME_SESSION:
        # Only a closed register says who was there (sessions.close_register): nobody declares it.
        raise DomainError(SESSIONS_COME_FROM_REGISTERS)
    if person.left_on and details.completed_on >= person.left_on:
        raise DomainError("The completion date must be before the person left")
    record = TrainingRecord(staff_member_id=person.id, module_id=module.id, completed_on=details.completed_on,
                            expires_on=expiry_for(module, details.completed_on), evidence=details.evidence)
    if details.evidence is TrainingEvidence.EQUIVALENT_APPROVED and not module.equivalent_allowed:
        raise DomainError(f"An equivalent course cannot count for {module.title}")
    record.needs_approval = (details.evidence is TrainingEvidence.EQUIVALENT_APPROVED
                             or module.business_records_need_approval)
    if record.needs_approval and is_staff(actor):
        record.approved_by_id = actor.id  # an officer recording it has checked it
    if details.evidence is TrainingEvidence.ONLINE_CERTIFICATE and details.certificate is None:
        raise DomainError("Upload the certificate for an online course")
    if details.certificate is not None:
        record.certificate_file_id = store_certificate(person.premises_id, details.certificate).id
    db.session.add(record)
    db.session.flush()
    waiting = is_waiting(record)
    audit_log.record(actor, "training.recorded", premises_id=person.premises_id, subject=f"training_record:{record.id}",
                 details=f"{module.title}, {details.evidence.label.lower()}"
                         + (", waiting for an officer's approval" if waiting else ""))
    return record


def is_waiting(record: TrainingRecord) -> bool:
    return awaiting_approval(record.evidence, from_register=record.session_id is not None,
                             needs_approval=record.needs_approval, approved=record.approved_by_id is not None)


def awaiting_approval_clause() -> sa.ColumnElement[bool]:
    """training.rule.awaiting_approval, as SQL over TrainingRecord. Written as three cases that
    each name an indexed column's value (ix_training_record_evidence_session_id,
    ix_training_record_needs_approval), so the few records waiting are found without reading
    every record of the scheme."""
    return TrainingRecord.approved_by_id.is_(None) & sa.or_(
        (TrainingRecord.evidence == TrainingEvidence.SCHEME_SESSION) & TrainingRecord.session_id.is_(None),
        TrainingRecord.evidence == TrainingEvidence.EQUIVALENT_APPROVED,
        TrainingRecord.needs_approval.is_(True) & (TrainingRecord.evidence != TrainingEvidence.SCHEME_SESSION),
    )


@dataclass(frozen=True)
class RecordStanding:
    """One record as the business's page shows it: whether it counts, and if not, why."""

    record: TrainingRecord
    waiting_because: str | None  # None: it counts (while valid)


def standings_of(premises_id: int) -> list[RecordStanding]:
    return [RecordStanding(record, why_awaiting_approval(record.evidence) if is_waiting(record) else None)
            for record in records_of(premises_id)]


def records_of(premises_id: int) -> list[TrainingRecord]:
    return list(db.session.scalars(
        db.select(TrainingRecord).join(StaffMember).where(StaffMember.premises_id == premises_id)
        .options(contains_eager(TrainingRecord.staff_member), joinedload(TrainingRecord.module))
        .order_by(StaffMember.name, TrainingRecord.completed_on.desc())
    ))


@service
def certificate_for(user: User, file_id: int) -> StoredFile:
    """A stored certificate, for its own business's users and officers only. Each viewing is
    written to the audit log: certificates are personal data about a safeguarding matter."""
    stored = db.session.get(StoredFile, file_id)
    if stored is None or stored.content_type == "text/csv":
        raise NotFound("There is no such file")
    premises_for(user, stored.premises_id)
    audit_log.record(user, "training.certificate_viewed", premises_id=stored.premises_id, subject=f"stored_file:{stored.id}")
    return stored


# An officer sees whose course it is, at which premises, and the module it would count for.
_WITH_PERSON_AND_MODULE = (joinedload(TrainingRecord.staff_member).joinedload(StaffMember.premises),
                           joinedload(TrainingRecord.module))


def _pending_query(premises_id: int | None = None) -> sa.Select:
    query = db.select(TrainingRecord).where(awaiting_approval_clause())
    if premises_id is not None:
        query = query.join(StaffMember, StaffMember.id == TrainingRecord.staff_member_id).where(
            StaffMember.premises_id == premises_id)
    return query.options(*_WITH_PERSON_AND_MODULE).order_by(TrainingRecord.created_at, TrainingRecord.id)


def pending_approvals(premises_id: int | None = None) -> list[TrainingRecord]:
    """Records waiting for an officer's approval: all of them, or one premises'."""
    return list(db.session.scalars(_pending_query(premises_id)))


APPROVALS_PAGE_SIZE = 25


@dataclass
class ApprovalsPage:
    records: list[RecordStanding]
    total: int
    page: int
    pages: int


def pending_approvals_page(page: int, premises_id: int | None = None) -> ApprovalsPage:
    """One page of the records waiting for approval (of every premises, or one), oldest first,
    each with its person, premises, module and why it waits: two statements however many are waiting."""
    query = _pending_query(premises_id)
    total = db.session.scalar(db.select(sa.func.count()).select_from(query.order_by(None).subquery()))
    pages = max(1, math.ceil(total / APPROVALS_PAGE_SIZE))
    page = min(max(1, page), pages)
    found = db.session.scalars(query.limit(APPROVALS_PAGE_SIZE).offset((page - 1) * APPROVALS_PAGE_SIZE))
    return ApprovalsPage([RecordStanding(record, why_awaiting_approval(record.evidence)) for record in found],
                         total, page, pages)


def pending_record(record_id: int) -> TrainingRecord:
    record = db.session.scalar(db.select(TrainingRecord).where(TrainingRecord.id == record_id)
                               .options(*_WITH_PERSON_AND_MODULE))
    if record is None:
        raise NotFound("There is no such training record")
    if not is_waiting(record):
        raise NotFound("This record is not waiting for approval")
    return record


def _pending(actor: User, record_id: int) -> TrainingRecord:
    require_staff(actor, "Only officers approve training records")
    return pending_record(record_id)


@service
def approve_equivalent(actor: User, record_id: int) -> TrainingRecord:
    record = _pending(actor, record_id)
    record.approved_by_id = actor.id
    audit_log.record(actor, "training.approved", premises_id=record.staff_member.premises_id,
                 subject=f"training_record:{record.id}")
    return record


@service
def reject_equivalent(actor: User, record_id: int, reason: str) -> None:
    record = _pending(actor, record_id)
    audit_log.record(actor, "training.rejected", premises_id=record.staff_member.premises_id,
                 subject=f"training_record:{record.id}", details=reason)
    db.session.delete(record)
