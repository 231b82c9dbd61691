"""Printed stickers: every print is a sticker with its own serial, recorded in a batch (who,
when, how many, which area); what became of each (lost, destroyed, taken down); which must
come down; and scans that show a sticker still up that should not be.

Whether a sticker must come down is derived, never stored: it is on display and its
certificate is no longer valid (suspended, revoked, expired or renewed), or a replacement was
printed for it. So an expiry needs no nightly job to put its stickers on the list, and a
reinstated certificate takes its stickers off it by itself.
"""

import enum
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from scheme.domain import areas, audit_log
from scheme.domain.access import check_premises, require_staff
from scheme.domain.certificates.state import CertificateState, certificate_state, valid_clause
from scheme.domain.errors import InvalidState, NotFound
from scheme.domain.notifications import tell_business
from scheme.domain.photos import CleanImage
from scheme.domain.transaction import service
from scheme.enums import StickerPrint, StickerStatus
from scheme.extensions import db
from scheme.models import Certificate, Premises, ScanCount, Sticker, StickerBatch, User

CHANGES_ARE_FOR_STAFF = "Only officers and administrators change what is recorded about a sticker"


class RemovalReason(enum.StrEnum):
    SUSPENDED = "suspended"
    REVOKED = "revoked"
    EXPIRED = "expired"
    RENEWED = "renewed"
    REPLACED = "replaced"

    @property
    def label(self) -> str:
        return {
            "suspended": "The certificate is suspended",
            "revoked": "The certificate was revoked",
            "expired": "The certificate expired",
            "renewed": "The certificate was renewed: the new certificate has its own sticker",
            "replaced": "A replacement sticker was printed",
        }[self.value]


def removal_due(certificate: Certificate, sticker: Sticker, today: date) -> tuple[RemovalReason, date] | None:
    """Why and since when this sticker must come down, or None while it may stay up."""
    if sticker.status != StickerStatus.ON_DISPLAY:
        return None
    state = certificate_state(certificate, today)
    if state == CertificateState.EXPIRED:
        return RemovalReason.EXPIRED, certificate.expires_on + timedelta(days=1)
    if state != CertificateState.VALID:
        reason = RemovalReason.RENEWED if state == CertificateState.SUPERSEDED else RemovalReason(state.value)
        changed = certificate.status_changed_at.date() if certificate.status_changed_at else certificate.issued_on
        return reason, changed
    if sticker.replaced_at is not None:
        return RemovalReason.REPLACED, sticker.replaced_at.date()
    return None


def _must_come_down_clause(today: date) -> sa.ColumnElement[bool]:
    """removal_due(...) is not None, as SQL (on Sticker joined to its Certificate)."""
    return sa.and_(Sticker.status == StickerStatus.ON_DISPLAY,
                   sa.or_(sa.not_(valid_clause(Certificate, today)), Sticker.replaced_at.is_not(None)))


# -- Printing --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Printed:
    certificate_id: int
    serial: str


def _next_serials(certificate_ids: list[int]) -> dict[int, int]:
    # The certificates' rows are locked first (FOR UPDATE; SQLite locks the whole database on
    # the first write), so two prints at once cannot hand out the same serial.
    db.session.execute(sa.select(Certificate.id).where(Certificate.id.in_(certificate_ids)).with_for_update())
    rows = db.session.execute(sa.select(Sticker.certificate_id, Sticker.serial)
                              .where(Sticker.certificate_id.in_(certificate_ids)))
    highest = dict.fromkeys(certificate_ids, 0)
    for certificate_id, serial in rows:
        highest[certificate_id] = max(highest[certificate_id], int(serial))
    return {certificate_id: value + 1 for certificate_id, value in highest.items()}


def _print(certificates: list[Certificate], *, actor: User, kind: StickerPrint, now: datetime,
           area_id: int | None = None) -> list[Printed]:
    batch = StickerBatch(kind=kind, area_id=area_id, printed_at=now, printed_by_id=actor.id,
                         sticker_count=len(certificates))
    db.session.add(batch)
    db.session.flush()
    serials = _next_serials([c.id for c in certificates])
    printed = []
    for certificate in certificates:
        serial = str(serials[certificate.id])
        db.session.add(Sticker(certificate_id=certificate.id, serial=serial, batch_id=batch.id, printed_at=now,
                               status=StickerStatus.ON_DISPLAY))
        printed.append(Printed(certificate.id, serial))
    db.session.flush()
    return printed


def _valid_certificate(certificate_id: int, today: date) -> Certificate:
    certificate = db.session.get(Certificate, certificate_id)
    if certificate is None:
        raise NotFound("There is no such certificate")
    if certificate_state(certificate, today) != CertificateState.VALID:
        raise InvalidState(f"Certificate {certificate.number} is not valid: a sticker for it would mislead")
    return certificate


@service
def print_sticker(certificate_id: int, *, actor: User, today: date, now: datetime) -> Printed:
    """One more sticker for a valid certificate, by an officer or the premises' business."""
    certificate = _valid_certificate(certificate_id, today)
    check_premises(actor, certificate.premises_id)
    [printed] = _print([certificate], actor=actor, kind=StickerPrint.SINGLE, now=now)
    audit_log.record(actor, "sticker.printed", premises_id=certificate.premises_id,
                     subject=f"certificate:{certificate.id}", details=f"sticker {printed.serial}")
    return printed


@service
def print_replacement(certificate_id: int, *, actor: User, today: date, now: datetime) -> Printed:
    """A sticker in place of the certificate's damaged or lost ones: those on display must
    then come down."""
    require_staff(actor, CHANGES_ARE_FOR_STAFF)
    certificate = _valid_certificate(certificate_id, today)
    replaced = list(db.session.scalars(sa.select(Sticker).where(
        Sticker.certificate_id == certificate.id, Sticker.status == StickerStatus.ON_DISPLAY,
        Sticker.replaced_at.is_(None))))
    for sticker in replaced:
        sticker.replaced_at = now
    certificate.sticker_reprints += 1
    [printed] = _print([certificate], actor=actor, kind=StickerPrint.REPLACEMENT, now=now)
    audit_log.record(actor, "certificate.sticker_reprinted", premises_id=certificate.premises_id,
                     subject=f"certificate:{certificate.id}",
                     details=f"sticker {printed.serial} replaces " + (", ".join(s.serial for s in replaced) or "none"))
    return printed


@service
def print_area(area_id: int, *, actor: User, today: date, now: datetime) -> list[Printed]:
    """A sticker for every valid certificate in the area, as one batch."""
    require_staff(actor, CHANGES_ARE_FOR_STAFF)
    area = areas.name_of(area_id)
    if not area:
        raise NotFound("There is no such area")
    certificates = list(db.session.scalars(
        sa.select(Certificate).join(Premises)
        .where(Premises.area_id == area_id, valid_clause(Certificate, today))
        .order_by(Premises.name, Certificate.id)))
    if not certificates:
        raise InvalidState(f"No premises in {area} holds a valid certificate")
    printed = _print(certificates, actor=actor, kind=StickerPrint.AREA, now=now, area_id=area_id)
    audit_log.record(actor, "sticker.batch_printed", subject=f"area:{area_id}",
                     details=f"{len(printed)} stickers for {area}")
    return printed


# -- What became of a sticker ----------------------------------------------------------------

def _sticker(sticker_id: int) -> Sticker:
    sticker = db.session.scalar(sa.select(Sticker).where(Sticker.id == sticker_id)
                                .options(joinedload(Sticker.certificate)))
    if sticker is None:
        raise NotFound("There is no such sticker")
    return sticker


def get_sticker(user: User, sticker_id: int) -> Sticker:
    """The sticker with its certificate, for a user who may see its premises."""
    sticker = _sticker(sticker_id)
    check_premises(user, sticker.certificate.premises_id)
    return sticker


@service
def record_sticker_fate(sticker_id: int, *, actor: User, status: StickerStatus, now: datetime) -> Sticker:
    """An officer records a sticker lost, destroyed, or seen taken down (on a visit). Scans
    of it from then on are flagged."""
    require_staff(actor, CHANGES_ARE_FOR_STAFF)
    if status == StickerStatus.ON_DISPLAY:
        raise InvalidState("A sticker cannot be put back on display: print a new one")
    sticker = _sticker(sticker_id)
    if sticker.status != StickerStatus.ON_DISPLAY:
        raise InvalidState(f"Sticker {sticker.serial} is already recorded as {sticker.status.label.lower()}")
    sticker.status, sticker.status_changed_at, sticker.status_changed_by_id = status, now, actor.id
    audit_log.record(actor, f"sticker.{status.value}", premises_id=sticker.certificate.premises_id,
                     subject=f"sticker:{sticker.id}", details=f"{sticker.certificate.number} sticker {sticker.serial}")
    if status == StickerStatus.REMOVED:
        _tell_removal_confirmed(sticker, by_officer=True)
    return sticker


def _tell_removal_confirmed(sticker: Sticker, *, by_officer: bool) -> None:
    premises = db.session.get(Premises, sticker.certificate.premises_id)
    tell_business(premises, "sticker_removal_confirmed", sticker=sticker, certificate=sticker.certificate,
                  by_officer=by_officer)


@service
def confirm_removed(sticker_id: int, *, actor: User, now: datetime, today: date,
                    photo: CleanImage | None = None) -> Sticker:
    """The business says it took down a sticker that had to come down, with a photo if it likes."""
    sticker = get_sticker(actor, sticker_id)
    if removal_due(sticker.certificate, sticker, today) is None:
        raise InvalidState(f"Sticker {sticker.serial} does not need to come down")
    sticker.status, sticker.status_changed_at, sticker.status_changed_by_id = StickerStatus.REMOVED, now, actor.id
    if photo is not None:
        sticker.removal_photo_type, sticker.removal_photo = photo.content_type, photo.content
    audit_log.record(actor, "sticker.removed", premises_id=sticker.certificate.premises_id,
                     subject=f"sticker:{sticker.id}",
                     details=f"{sticker.certificate.number} sticker {sticker.serial}"
                             + (", with a photo" if photo else ""))
    _tell_removal_confirmed(sticker, by_officer=False)
    return sticker


def removal_photo(user: User, sticker_id: int) -> CleanImage:
    require_staff(user)
    row = db.session.execute(sa.select(Sticker.removal_photo_type, Sticker.removal_photo)
                             .where(Sticker.id == sticker_id)).one_or_none()
    if row is None or row.removal_photo is None:
        raise NotFound("There is no photo of this sticker taken down")
    return CleanImage(row.removal_photo_type, row.removal_photo)


# -- Lists -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class StickerRow:
    sticker: Sticker
    printed_as: StickerPrint
    scans: int  # in the last 30 days
    last_scanned_on: date | None
    removal: tuple[RemovalReason, date] | None


def sticker_rows(certificates: list[Certificate], today: date) -> dict[int, list[StickerRow]]:
    """Each certificate's stickers, newest first, with their scans."""
    ids = [c.id for c in certificates]
    by_id = {c.id: c for c in certificates}
    found: dict[int, list[StickerRow]] = {certificate_id: [] for certificate_id in ids}
    if not ids:
        return found
    since = today - timedelta(days=30)
    scans = {(row.certificate_id, row.serial): (int(row.recent or 0), row.last)
             for row in db.session.execute(
                 sa.select(ScanCount.certificate_id, ScanCount.serial,
                           sa.func.sum(sa.case((ScanCount.day >= since, ScanCount.count), else_=0)).label("recent"),
                           sa.func.max(ScanCount.day).label("last"))
                 .where(ScanCount.certificate_id.in_(ids))
                 .group_by(ScanCount.certificate_id, ScanCount.serial))}
    rows = db.session.execute(
        sa.select(Sticker, StickerBatch.kind).join(StickerBatch, StickerBatch.id == Sticker.batch_id)
        .where(Sticker.certificate_id.in_(ids)).order_by(Sticker.id.desc()))
    for sticker, kind in rows:
        recent, last = scans.get((sticker.certificate_id, sticker.serial), (0, None))
        found[sticker.certificate_id].append(
            StickerRow(sticker, kind, recent, last, removal_due(by_id[sticker.certificate_id], sticker, today)))
    return found


@dataclass(frozen=True)
class ToRemove:
    sticker_id: int
    serial: str
    certificate_number: str
    premises_id: int
    premises_name: str
    reason: RemovalReason
    since: date


def count_stickers_to_remove(today: date) -> int:
    return db.session.scalar(
        sa.select(sa.func.count()).select_from(Sticker).join(Certificate, Certificate.id == Sticker.certificate_id)
        .where(_must_come_down_clause(today)))


def stickers_to_remove(today: date, premises_ids: list[int] | None = None) -> list[ToRemove]:
    """Stickers that must come down and are not yet recorded as down, oldest first: the
    officers' queue, or (with premises_ids) a business's list."""
    query = (sa.select(Sticker, Certificate, Premises.name, Premises.trading_name)
             .join(Certificate, Certificate.id == Sticker.certificate_id)
             .join(Premises, Premises.id == Certificate.premises_id)
             .where(_must_come_down_clause(today)))
    if premises_ids is not None:
        query = query.where(Certificate.premises_id.in_(premises_ids))
    found = []
    for sticker, certificate, name, trading_name in db.session.execute(query):
        reason, since = removal_due(certificate, sticker, today)
        found.append(ToRemove(sticker.id, sticker.serial, certificate.number, certificate.premises_id,
                              trading_name or name, reason, since))
    return sorted(found, key=lambda item: (item.since, item.certificate_number, int(item.serial)))


class Flag(enum.StrEnum):
    UNKNOWN = "unknown"
    LOST = "lost"
    DESTROYED = "destroyed"
    REMOVED = "removed"
    SHOULD_BE_DOWN = "should_be_down"

    @property
    def label(self) -> str:
        return {
            "unknown": "No sticker with this serial was printed: a copy or a forgery",
            "lost": "Reported lost",
            "destroyed": "Reported destroyed",
            "removed": "Recorded as taken down",
            "should_be_down": "Should have come down",
        }[self.value]


@dataclass(frozen=True)
class FlaggedScans:
    certificate_id: int
    certificate_number: str
    serial: str
    premises_id: int
    premises_name: str
    flag: Flag
    scans: int
    last_scanned_on: date


def flagged_scans(today: date, days: int = 30) -> list[FlaggedScans]:
    """Recent scans of stickers that should not be up: a serial never printed, a sticker
    recorded lost, destroyed or taken down (scanned after that), or one that should have come
    down (scanned since it should have). Most recent first."""
    since = today - timedelta(days=days)
    query = (
        sa.select(ScanCount.certificate_id, ScanCount.serial, ScanCount.day, ScanCount.count, Sticker, Certificate,
                  Premises.name, Premises.trading_name)
        .join(Certificate, Certificate.id == ScanCount.certificate_id)
        .join(Premises, Premises.id == Certificate.premises_id)
        .outerjoin(Sticker, sa.and_(Sticker.certificate_id == ScanCount.certificate_id,
                                    Sticker.serial == ScanCount.serial))
        .where(ScanCount.serial != "", ScanCount.day >= since,
               sa.or_(Sticker.id.is_(None), Sticker.status != StickerStatus.ON_DISPLAY,
                      _must_come_down_clause(today)))
    )
    totals: dict[tuple[int, str], list] = {}
    for certificate_id, serial, day, count, sticker, certificate, name, trading_name in db.session.execute(query):
        flag = _flag(certificate, sticker, day, today)
        if flag is None:
            continue
        key = (certificate_id, serial)
        entry = totals.setdefault(key, [certificate, trading_name or name, flag, 0, day])
        entry[3] += count
        entry[4] = max(entry[4], day)
    found = [FlaggedScans(certificate.id, certificate.number, serial, certificate.premises_id, name, flag, scans,
                          last)
             for (_, serial), (certificate, name, flag, scans, last) in totals.items()]
    return sorted(found, key=lambda item: (-item.last_scanned_on.toordinal(), item.certificate_number, item.serial))


def _flag(certificate: Certificate, sticker: Sticker | None, day: date, today: date) -> Flag | None:
    if sticker is None:
        return Flag.UNKNOWN
    if sticker.status != StickerStatus.ON_DISPLAY:
        changed = sticker.status_changed_at.date() if sticker.status_changed_at else day
        return Flag(sticker.status.value) if day >= changed else None
    due = removal_due(certificate, sticker, today)
    return Flag.SHOULD_BE_DOWN if due is not None and day >= due[1] else None
