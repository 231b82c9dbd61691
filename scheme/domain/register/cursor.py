"""The API list's cursor: where the last page ended in the list's stable order.

Opaque to clients (URL-safe base64 of JSON), checked strictly when it comes back, so a
cursor that was tampered with or mistyped is a 400 naming the parameter, never a 500.
"""

import base64
import binascii
import json
from dataclasses import dataclass


class InvalidCursor(ValueError):
    pass


@dataclass(frozen=True)
class Position:
    sort_name: str  # the lower-cased display name
    public_id: str


def encode(position: Position) -> str:
    raw = json.dumps([position.sort_name, position.public_id], separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode(cursor: str) -> Position:
    if not cursor or len(cursor) > 1000:
        raise InvalidCursor(cursor)
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        value = json.loads(raw.decode())
    except (binascii.Error, ValueError, UnicodeDecodeError) as error:
        raise InvalidCursor(cursor) from error
    if (not isinstance(value, list) or len(value) != 2
            or not all(isinstance(part, str) and part and "\x00" not in part for part in value)):
        raise InvalidCursor(cursor)
    return Position(*value)
