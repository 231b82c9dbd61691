"""Where the public is told a premises is: the one rule for every public surface (the page
behind the sticker, the sticker, the certificate, the directory and the open-data API).

A business run from a home address (a sole-trader taxi driver, a childminder) is shown by
its outward postcode only ("CM7"), never its street, unless it has chosen to show its full
address; the food hygiene register does the same. Officers always see the whole address.
"""

from typing import Protocol


class HasAddress(Protocol):
    address_line_1: str
    address_line_2: str
    town: str
    postcode: str
    home_based: bool
    show_home_address: bool


def outward_code(postcode: str) -> str:
    """The outward half of a UK postcode, "CM7" of "CM7 3YL" (spaces and case ignored)."""
    compact = "".join((postcode or "").split()).upper()
    return compact[:-3] if len(compact) > 3 else compact


def full_address(address_line_1: str, address_line_2: str, town: str, postcode: str) -> str:
    return ", ".join(part for part in (address_line_1, address_line_2, town, postcode) if part)


def address_withheld(home_based: bool, show_home_address: bool) -> bool:
    """True when the public sees only the outward postcode."""
    return bool(home_based) and not show_home_address


def public_address(address_line_1: str, address_line_2: str, town: str, postcode: str, *,
                   home_based: bool, show_home_address: bool) -> str:
    """The address as the public may see it."""
    if address_withheld(home_based, show_home_address):
        return outward_code(postcode)
    return full_address(address_line_1, address_line_2, town, postcode)


def public_address_of(premises: HasAddress) -> str:
    """public_address for a Premises (or anything with its address columns)."""
    return public_address(premises.address_line_1, premises.address_line_2, premises.town, premises.postcode,
                          home_based=premises.home_based, show_home_address=premises.show_home_address)
