"""The public page behind every sticker: what a certificate says now, in as few round trips
as possible.

Three parts: public_page_lookup reads the certificate (one statement, on the page's own
pool; on PostgreSQL public_page_copy answers first, from this process, once it is read),
public_page_wording decides what the page says, and scan_counts counts the scan (usually no
write at all on this page). The reporting routes come from a cache in this
process that the version read with the certificate keeps honest.
"""

from datetime import date

from scheme.domain import reporting_routes
from scheme.domain.certificates import public_page_copy, public_page_lookup, scan_counts
from scheme.domain.certificates.codes import split_scanned
from scheme.domain.certificates.public_page_wording import Verification, verification


def verify(scanned: str, today: date) -> tuple[Verification | None, tuple[reporting_routes.Route, ...]]:
    """What the certificate with this code says today, and the reporting routes to show.
    scanned is what followed /v/: a code, and a printed sticker's serial after a slash.

    Counts the scan (per certificate, sticker and day; nothing about who scanned). A serial no
    sticker has is counted as scanned, so officers see it flagged; one that cannot be a serial
    finds nothing.
    """
    code, serial = split_scanned(scanned) or (None, "")
    found = public_page_copy.find(code, today, serial) or public_page_lookup.find(code, today, serial)
    if found.certificate is None:
        return None, reporting_routes.routes_for(None, version=found.routes_version)
    scan_counts.count(found.certificate.id, serial, today)
    return (verification(found.certificate, found.premises, found.current, today, found.sticker, code),
            reporting_routes.routes_for(found.premises.premises_type, version=found.routes_version))
