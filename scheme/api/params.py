"""Reading the API's query strings strictly: an unknown, repeated, malformed or over-long
parameter is a 400 that names it, never a guess and never a 500."""

from dataclasses import dataclass
from urllib.parse import unquote_to_bytes

from scheme.enums import PremisesType

MAX_TEXT = 100
DEFAULT_LIMIT = 20
MAX_LIMIT = 100


class BadParameter(ValueError):
    def __init__(self, parameter: str, message: str):
        super().__init__(message)
        self.parameter = parameter
        self.message = message


@dataclass(frozen=True)
class ListQuery:
    q: str = ""
    premises_type: PremisesType | None = None
    area: str = ""
    limit: int = DEFAULT_LIMIT
    cursor: str = ""


def _raw_pairs(query_string: bytes) -> list[tuple[str, str]]:
    # Werkzeug replaces bytes that are not UTF-8 with U+FFFD; the API refuses them instead,
    # naming the parameter they were in.
    pairs = []
    for part in query_string.split(b"&"):
        if not part:
            continue
        raw_name, _, raw_value = part.partition(b"=")
        name_bytes = unquote_to_bytes(raw_name.replace(b"+", b" "))
        value_bytes = unquote_to_bytes(raw_value.replace(b"+", b" "))
        try:
            name = name_bytes.decode("utf-8")
        except UnicodeDecodeError:
            raise BadParameter(name_bytes.decode("utf-8", "replace"), "Parameter names must be UTF-8") from None
        try:
            value = value_bytes.decode("utf-8")
        except UnicodeDecodeError:
            raise BadParameter(name, f"The value of {name} must be UTF-8") from None
        pairs.append((name, value))
    return pairs


def parse(query_string: bytes, allowed: tuple[str, ...]) -> dict[str, str]:
    values: dict[str, str] = {}
    for name, value in _raw_pairs(query_string):
        if name not in allowed:
            known = ", ".join(allowed) if allowed else "none"
            raise BadParameter(name, f"Unknown parameter {name!r} (this endpoint takes: {known})")
        if name in values:
            raise BadParameter(name, f"Give {name} once")
        if "\x00" in value or any(ord(ch) < 32 for ch in value):
            raise BadParameter(name, f"{name} contains control characters")
        if len(value) > MAX_TEXT and name != "cursor":
            raise BadParameter(name, f"{name} must be at most {MAX_TEXT} characters")
        values[name] = value
    return values


LIST_PARAMETERS = ("q", "type", "area", "limit", "cursor")


def list_query(query_string: bytes) -> ListQuery:
    values = parse(query_string, LIST_PARAMETERS)
    premises_type = None
    if "type" in values:
        try:
            premises_type = PremisesType(values["type"])
        except ValueError:
            raise BadParameter("type", "type must be one of: " + ", ".join(t.value for t in PremisesType)) from None
    limit = DEFAULT_LIMIT
    if "limit" in values:
        text = values["limit"]
        if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= MAX_LIMIT:
            raise BadParameter("limit", f"limit must be a whole number from 1 to {MAX_LIMIT}")
        limit = int(text)
    return ListQuery(q=values.get("q", "").strip(), premises_type=premises_type, area=values.get("area", ""),
                     limit=limit, cursor=values.get("cursor", ""))
