from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from scheme.enums import CertificateStatus
from scheme.models.base import Base, TimestampMixin, enum_column


class Certificate(TimestampMixin, Base):
    __tablename__ = "certificate"

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
    """Scans of a certificate's QR per day. Nothing about the person scanning is kept."""

    __tablename__ = "scan_count"

    certificate_id: Mapped[int] = mapped_column(
        sa.ForeignKey("certificate.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[date] = mapped_column(sa.Date, primary_key=True)
    count: Mapped[int] = mapped_column(default=0)


from scheme.models.premises import Premises  # noqa: E402
