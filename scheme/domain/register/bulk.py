"""The bulk files: the whole register (or one area's) as CSV and as JSON.

Made once per version of the register (changes.changes) and kept in this process, so a
download costs one cheap statement until the register changes; the version includes the
day, so a certificate running out makes the files again the next day. Each process keeps
its own copy: they are all made from the same register, so they all say the same.
"""

import csv
import io
import threading
from collections.abc import Callable
from datetime import date

from scheme.domain.areas import name_key
from scheme.domain.csv_safety import safe_cell
from scheme.domain.register.entries import Entry, every_accredited

_cache: dict[tuple, bytes] = {}
_lock = threading.Lock()
_MAX_FILES = 64


def cached(kind: str, version: str, area: str | None, make: Callable[[], bytes]) -> bytes:
    # One file per area however its name is typed ("Galleys corner", "galley's corner").
    key = (kind, version, None if area is None else name_key(area))
    found = _cache.get(key)
    if found is None:
        found = make()
        with _lock:
            if len(_cache) >= _MAX_FILES:
                _cache.clear()
            _cache[key] = found
    return found


def entries_for(today: date, area: str | None) -> list[Entry]:
    return list(every_accredited(today, area))


def csv_file(fields: list[str], rows: list[dict], preamble: list[str]) -> bytes:
    """The rows as CSV (the API's field names as the header), after `#` comment lines."""
    out = io.StringIO()
    for line in preamble:
        out.write(f"# {line}\r\n")
    writer = csv.DictWriter(out, fieldnames=fields)
    writer.writeheader()
    for row in rows:
        writer.writerow({key: safe_cell("" if value is None else str(value)) for key, value in row.items()})
    return out.getvalue().encode("utf-8")
