"""What may be read as the id of a row (or a revision): ASCII digits, within the database's
integer range. Anything else names nothing, so it is refused before it reaches the database
(where it would be an error, not "not found").

Used by the `int` converter of every route, by forms' hidden and select fields that carry
ids, and by the query strings that do.
"""

from werkzeug.routing import IntegerConverter

# PostgreSQL's integer (the type of every id and revision column): 2**31 - 1.
MAX_ID = 2_147_483_647
_MAX_DIGITS = len(str(MAX_ID))


def parse_id(text: object) -> int | None:
    """The id written in text, or None when text is not one ("²" and "١" are digits to
    str.isdigit, not to us)."""
    if isinstance(text, int) and not isinstance(text, bool):
        return text if 0 <= text <= MAX_ID else None
    if not isinstance(text, str) or not text.isascii() or not text.isdigit() or len(text) > _MAX_DIGITS + 8:
        return None
    value = int(text)
    return value if value <= MAX_ID else None


def coerce_id(value: object) -> int:
    """A coerce function for SelectField: an id, or ValueError (which the field reports)."""
    parsed = parse_id(value)
    if parsed is None:
        raise ValueError("Not a valid choice")
    return parsed


class IdConverter(IntegerConverter):
    """`<int:...>` in a route: ASCII digits up to MAX_ID; a longer or larger number is a 404."""

    regex = r"[0-9]+"

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)
