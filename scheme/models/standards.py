from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from scheme.enums import StandardsVersionStatus
from scheme.models.base import Base, TimestampMixin, enum_column


class StandardsVersion(TimestampMixin, Base):
    """A versioned set of standards. Once published it never changes."""

    __tablename__ = "standards_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(unique=True)
    status: Mapped[StandardsVersionStatus] = mapped_column(
        enum_column(StandardsVersionStatus), default=StandardsVersionStatus.DRAFT
    )
    published_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    summary_of_changes: Mapped[str] = mapped_column(sa.Text, default="")

    standards: Mapped[list["Standard"]] = relationship(
        lazy="raise",
        back_populates="version", order_by="Standard.position", cascade="all, delete-orphan"
    )


class Standard(Base):
    __tablename__ = "standard"
    __table_args__ = (sa.UniqueConstraint("version_id", "code", name="uq_standard_version_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(sa.ForeignKey("standards_version.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    code: Mapped[str] = mapped_column(sa.String(20))
    title: Mapped[str] = mapped_column(sa.String(300))
    guidance: Mapped[str] = mapped_column(sa.Text, default="")
    evidence_expected: Mapped[str] = mapped_column(sa.Text, default="")
    mandatory: Mapped[bool] = mapped_column(default=True)
    # Premises type values this standard applies to; empty means every type.
    premises_types: Mapped[list[str]] = mapped_column(sa.JSON, default=list)

    version: Mapped[StandardsVersion] = relationship(lazy="raise", back_populates="standards")

    def applies_to(self, premises_type: str) -> bool:
        return not self.premises_types or premises_type in self.premises_types
