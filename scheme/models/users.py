from datetime import datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from scheme.enums import Role
from scheme.models.base import Base, TimestampMixin, enum_column


class User(UserMixin, TimestampMixin, Base):
    __tablename__ = "user"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    password_hash: Mapped[str] = mapped_column(sa.String(200))
    role: Mapped[Role] = mapped_column(enum_column(Role))
    active: Mapped[bool] = mapped_column(default=True)
    email_confirmed_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    # Bumped on password change so that signed reset links and sessions made before it die.
    session_version: Mapped[int] = mapped_column(default=1)
    # Two-factor sign-in (TOTP, RFC 6238): the secret is kept from the set-up page on, and the
    # second factor counts only once a code from it has been entered (two_factor_enabled_at).
    totp_secret: Mapped[str | None] = mapped_column(sa.String(64))
    two_factor_enabled_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    # The time step of the last code accepted: a code is never accepted twice (RFC 6238, 5.2).
    totp_last_step: Mapped[int | None] = mapped_column(sa.BigInteger)
    # Wrong passwords or codes since the last good sign-in; enough of them lock the account.
    failed_sign_ins: Mapped[int] = mapped_column(default=0, server_default="0")
    locked_until: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))

    memberships: Mapped[list["PremisesMember"]] = relationship(lazy="raise", back_populates="user")

    @property
    def is_active(self) -> bool:
        return self.active

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"


class RecoveryCode(TimestampMixin, Base):
    """A once-only code that stands in for a two-factor code; only its hash is kept."""

    __tablename__ = "recovery_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(sa.String(64))
    used_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))


class PremisesMember(TimestampMixin, Base):
    """A business user who manages a premises (one user may manage several)."""

    __tablename__ = "premises_member"

    premises_id: Mapped[int] = mapped_column(sa.ForeignKey("premises.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)

    user: Mapped[User] = relationship(lazy="raise", back_populates="memberships")
    premises: Mapped["Premises"] = relationship(lazy="raise", back_populates="members")


from scheme.models.premises import Premises  # noqa: E402  (relationship target)
