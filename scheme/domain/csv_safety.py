"""CSV files people open in a spreadsheet: cells that a spreadsheet would run as a formula
(`=HYPERLINK(...)`, `+cmd`, `-2+3`, `@SUM(...)`) are written as plain text instead.

Following OWASP's advice on CSV injection: prefix such a cell with a single quote, which
spreadsheets show as text and do not evaluate.
"""

import csv
import io
from collections.abc import Iterable, Iterator

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def looks_like_formula(value: str) -> bool:
    return value.startswith(FORMULA_STARTS)


_FORMULA_FIRST = frozenset(FORMULA_STARTS)  # each a single character


def safe_cell(value) -> str:
    if type(value) is str:  # most cells: one look at the first character (an export has millions)
        return "'" + value if value[:1] in _FORMULA_FIRST else value
    if value is None:
        return ""
    text = str(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return text  # a real number, negative or not, is data not a formula
    return "'" + text if looks_like_formula(text) else text


def csv_text(header: Iterable[str], rows: Iterable[Iterable]) -> str:
    """A whole CSV document, every cell neutralised, with a BOM so Excel reads it as UTF-8."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return buffer.getvalue()


def csv_lines(header: Iterable[str], rows: Iterable[Iterable]) -> Iterator[str]:
    """The same document as csv_text, a few rows at a time: for exports too big to build in
    memory, streamed as they are read."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    buffer.write("\ufeff")
    writer.writerow([safe_cell(cell) for cell in header])
    for n, row in enumerate(rows, start=1):
        writer.writerow([safe_cell(cell) for cell in row])
        if n % 200 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()
