""""This sticker looks wrong": the public's one-question report about a sticker, kept as a
count per sticker, reason and day (nothing about who reported, and no free text), and the
officers' queue of them."""

from dataclasses import dataclass, field
from datetime import date, timedelta

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from scheme.domain.certificates.codes import split_scanned
from scheme.domain.errors import NotFound
from scheme.domain.transaction import service
from scheme.enums import StickerReportReason
from scheme.extensions import db
from scheme.models import Certificate, Premises, StickerReport

_reports = StickerReport.__table__


def certificate_code(scanned: str) -> str | None:
    """The public code in what followed /v/ (the report's rate limit counts per certificate)."""
    split = split_scanned(scanned)
    return split[0] if split else None


@service
def report_sticker(scanned: str, reason: StickerReportReason, today: date) -> None:
    """Count one report of the sticker scanned (its code, and serial after a slash)."""
    code, serial = split_scanned(scanned) or (None, "")
    certificate_id = code and db.session.scalar(sa.select(Certificate.id).where(Certificate.public_code == code))
    if not certificate_id:
        raise NotFound("There is no certificate with that code")
    dialect = postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite
    insert = dialect.insert(_reports).values(certificate_id=certificate_id, serial=serial,
                                             reason=StickerReportReason(reason).value, day=today, count=1)
    db.session.execute(insert.on_conflict_do_update(
        index_elements=[_reports.c.certificate_id, _reports.c.serial, _reports.c.reason, _reports.c.day],
        set_={"count": _reports.c.count + 1}))


@dataclass
class ReportedSticker:
    certificate_id: int
    certificate_number: str
    serial: str
    premises_id: int
    premises_name: str
    by_reason: dict[StickerReportReason, int] = field(default_factory=dict)
    last_reported_on: date | None = None

    @property
    def total(self) -> int:
        return sum(self.by_reason.values())


def reported_stickers(today: date, days: int = 30) -> list[ReportedSticker]:
    """Stickers reported in the last `days` days, with the count for each reason; the most
    reported first."""
    rows = db.session.execute(
        sa.select(StickerReport.certificate_id, StickerReport.serial, StickerReport.reason,
                  sa.func.sum(StickerReport.count), sa.func.max(StickerReport.day),
                  Certificate.number, Certificate.premises_id, Premises.name, Premises.trading_name)
        .join(Certificate, Certificate.id == StickerReport.certificate_id)
        .join(Premises, Premises.id == Certificate.premises_id)
        .where(StickerReport.day > today - timedelta(days=days))
        .group_by(StickerReport.certificate_id, StickerReport.serial, StickerReport.reason, Certificate.number,
                  Certificate.premises_id, Premises.name, Premises.trading_name)
    )
    found: dict[tuple[int, str], ReportedSticker] = {}
    for certificate_id, serial, reason, count, last, number, premises_id, name, trading_name in rows:
        item = found.setdefault((certificate_id, serial), ReportedSticker(
            certificate_id, number, serial, premises_id, trading_name or name))
        item.by_reason[StickerReportReason(reason)] = int(count)
        item.last_reported_on = max(filter(None, (item.last_reported_on, last)))
    return sorted(found.values(), key=lambda item: (-item.total, item.certificate_number, item.serial))
