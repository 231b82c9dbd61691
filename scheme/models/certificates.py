from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, column_property, mapped_column, relationship

from scheme.enums import CertificateStatus, StickerPrint, StickerReportReason, StickerStatus
from scheme.models.areas import Area
from scheme.models.base import Base, TimestampMixin, UpdatedAtMixin, enum_column


class Certificate(TimestampMixin, UpdatedAtMixin, Base):
    __tablename__ = "certificate"
    # Valid certificates by expiry: the expiring queue, the at-risk queue, the directory.
    __table_args__ = (sa.Index("ix_certificate_status_expires_on", "status", "expires_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    premises_id: Mapped[int] = mapped_column(sa.ForeignKey("premises.id", ondelete="CASCADE"), index=True)
    number: Mapped[str] = mapped_column(sa.String(20), unique=True)  # SISI-2026-00042
    public_code: Mapped[str] = mapped_column(sa.String(16), unique=True)
    issued_on: Mapped[date] = mapped_column(sa.Date)
    expires_on: Mapped[date] = mapped_column(sa.Date, index=True)
    status: Mapped[CertificateStatus] = mapped_column(
        enum_column(CertificateStatus), default=CertificateStatus.ACTIVE, index=True
    )
    status_changed_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    status_reason: Mapped[str] = mapped_column(sa.Text, default="")
    superseded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("certificate.id", ondelete="SET NULL"))
    issued_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    sticker_reprints: Mapped[int] = mapped_column(default=0)
    # Made once at issue: generating a QR costs milliseconds, too much for the public page.
    qr_svg: Mapped[str] = mapped_column(sa.Text, default="")

    premises: Mapped["Premises"] = relationship(lazy="raise", back_populates="certificates")


class CertificateCounter(Base):
    """The last certificate sequence number used in a year, allocated under a row lock."""

    __tablename__ = "certificate_counter"

    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    last_value: Mapped[int] = mapped_column(default=0)


class ScanCount(Base):
    """Scans of a certificate's QR per sticker per day. Nothing about the person scanning is kept.

    serial is the printed sticker's (Sticker.serial) as scanned, or "" for a QR without one
    (stickers printed before serials, and the A4 certificate). A serial no sticker has is
    kept as scanned: a copy, or a forged sticker, shows itself that way.
    """

    __tablename__ = "scan_count"
    # The figures add up a period's scans by day (statistics), reading only this index.
    __table_args__ = (sa.Index("ix_scan_count_day", "day", "certificate_id", "count"),)

    certificate_id: Mapped[int] = mapped_column(
        sa.ForeignKey("certificate.id", ondelete="CASCADE"), primary_key=True
    )
    # A database default too, so bulk writers that know nothing of stickers still count.
    serial: Mapped[str] = mapped_column(sa.String(8), primary_key=True, default="", server_default="")
    day: Mapped[date] = mapped_column(sa.Date, primary_key=True)
    count: Mapped[int] = mapped_column(default=0)


class StickerBatch(Base):
    """One print run: who printed how many stickers, when, and for which area."""

    __tablename__ = "sticker_batch"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[StickerPrint] = mapped_column(enum_column(StickerPrint))
    # The area printed for (an area's batch); None for single prints and replacements.
    area_id: Mapped[int | None] = mapped_column(sa.ForeignKey("area.id"), index=True)
    printed_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True))
    printed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    sticker_count: Mapped[int] = mapped_column(default=0)

    area: Mapped[str | None] = column_property(  # its area's name (see Premises.area)
        sa.select(Area.name).where(Area.id == area_id).correlate_except(Area).scalar_subquery(),
        expire_on_flush=False)


class Sticker(Base):
    """One printed sticker of a certificate, told from every other print by its serial."""

    __tablename__ = "sticker"
    __table_args__ = (sa.UniqueConstraint("certificate_id", "serial"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    certificate_id: Mapped[int] = mapped_column(sa.ForeignKey("certificate.id", ondelete="CASCADE"), index=True)
    serial: Mapped[str] = mapped_column(sa.String(8))  # 1, 2, 3... within its certificate
    batch_id: Mapped[int] = mapped_column(sa.ForeignKey("sticker_batch.id", ondelete="CASCADE"), index=True)
    printed_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True))
    status: Mapped[StickerStatus] = mapped_column(enum_column(StickerStatus), default=StickerStatus.ON_DISPLAY)
    status_changed_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    status_changed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    # When a replacement was printed for it: from then on it must come down.
    replaced_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    # The business's photo of the window without it, when it confirms taking it down.
    removal_photo_type: Mapped[str] = mapped_column(sa.String(40), default="")
    removal_photo: Mapped[bytes | None] = mapped_column(sa.LargeBinary, deferred=True)

    certificate: Mapped["Certificate"] = relationship(lazy="raise")
    batch: Mapped[StickerBatch] = relationship(lazy="raise")

    @property
    def premises_id(self) -> int:
        return self.certificate.premises_id


class StickerReport(Base):
    """"This sticker looks wrong", counted per sticker, reason and day: nothing about who."""

    __tablename__ = "sticker_report"

    certificate_id: Mapped[int] = mapped_column(
        sa.ForeignKey("certificate.id", ondelete="CASCADE"), primary_key=True
    )
    serial: Mapped[str] = mapped_column(sa.String(8), primary_key=True, default="")
    reason: Mapped[StickerReportReason] = mapped_column(enum_column(StickerReportReason), primary_key=True)
    day: Mapped[date] = mapped_column(sa.Date, primary_key=True, index=True)
    count: Mapped[int] = mapped_column(default=0)


from scheme.models.premises import Premises  # noqa: E402
