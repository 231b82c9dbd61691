"""UK postcodes: checking the format and writing them the way Royal Mail does."""

import re

# Outward code (area, district) then inward code (sector digit, unit letters), per the
# Royal Mail formats A9, A99, AA9, AA99, A9A, AA9A; plus the Girobank oddity GIR 0AA.
_POSTCODE = re.compile(r"^(?:[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}|GIR0AA)$")


class InvalidPostcode(ValueError):
    pass


def normalise_postcode(value: str) -> str:
    """The postcode in capitals with one space before the inward code ("cm7 3yl" -> "CM7 3YL").

    Raises InvalidPostcode when it is not a UK postcode.
    """
    compact = "".join((value or "").split()).upper()
    if not _POSTCODE.match(compact):
        raise InvalidPostcode("Enter a real postcode, like CM7 3YL")
    return f"{compact[:-3]} {compact[-3:]}"
