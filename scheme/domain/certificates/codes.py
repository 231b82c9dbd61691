"""A certificate's public code (on the sticker, behind the QR), a printed sticker's serial
after it, and the certificate's human number."""

import re
import secrets

from sqlalchemy.dialects import postgresql, sqlite

from scheme.extensions import db
from scheme.models import CertificateCounter

# Crockford's base32: no I, L, O or U, so a code read aloud or typed is hard to get wrong.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 8  # 8 x 5 bits = 40 random bits
_TYPED_CONFUSIONS = str.maketrans({"O": "0", "I": "1", "L": "1"})
_SEPARATORS = re.compile(r"[\s\-]+")
# Anything longer than this is not a mistyped code; it is refused before any work is done.
MAX_TYPED_LENGTH = 24

NUMBER_PREFIX = "SISI"

# A sticker's serial: its place among its certificate's prints, 1, 2, 3...; short to type.
_SERIAL = re.compile(r"^[1-9][0-9]{0,4}$")


def new_public_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(typed: str) -> str | None:
    """The canonical code for what someone typed or scanned, or None when it cannot be one.

    Case is ignored, as are spaces and hyphens; O is read as 0 and I or L as 1.
    """
    if len(typed) > MAX_TYPED_LENGTH:
        return None
    code = _SEPARATORS.sub("", typed).upper().translate(_TYPED_CONFUSIONS)
    if len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
        return None
    return code


_NUMBER = re.compile(rf"^{NUMBER_PREFIX}[\s\-]*\d{{4}}[\s\-]*\d{{1,5}}$", re.IGNORECASE)


def is_certificate_number(typed: str) -> bool:
    """Whether someone typed the certificate's number (SISI-2026-00042, printed on the A4
    certificate and the public page) where its code was asked for."""
    return bool(_NUMBER.match(typed.strip()))


def split_scanned(scanned: str) -> tuple[str | None, str] | None:
    """The code and the sticker serial ("" for none) in what a QR held or someone typed after
    /v/: "ABCD2345" or "ABCD2345/3". None when there is a serial and it cannot be one (the
    code itself is checked by normalise_code, which gives None for one that cannot be)."""
    typed, slash, serial = scanned.partition("/")
    if not slash:
        return normalise_code(typed), ""
    if not _SERIAL.match(serial):
        return None
    return normalise_code(typed), serial


def format_number(year: int, sequence: int) -> str:
    return f"{NUMBER_PREFIX}-{year}-{sequence:05d}"


def allocate_number(year: int) -> str:
    """The next certificate number for the year, taken in the caller's transaction.

    One upsert that increments and returns the counter: the database holds the row lock
    until the transaction ends, so two app servers can never be handed the same number.
    """
    dialect = postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite
    table = CertificateCounter.__table__
    statement = (
        dialect.insert(table)
        .values(year=year, last_value=1)
        .on_conflict_do_update(index_elements=[table.c.year], set_={"last_value": table.c.last_value + 1})
        .returning(table.c.last_value)
    )
    return format_number(year, db.session.execute(statement).scalar_one())


def verification_url(base_url: str, code: str, serial: str = "") -> str:
    """The address a QR holds: /v/<code>, and /v/<code>/<serial> for a printed sticker."""
    return f"{base_url.rstrip('/')}/v/{code}" + (f"/{serial}" if serial else "")
