"""What the public page behind a sticker says about the certificate scanned: its state on the
day, the headline, and whether the premises holds a newer certificate to ask for.

Plain functions over plain values, so every case is tested without a database; the values
come from scheme.domain.certificates.public_page_lookup.
"""

from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache

from scheme.domain.certificates.state import CertificateState, certificate_state
from scheme.domain.dates import in_words
from scheme.domain.premises.readiness_rule import pending_checks_on
from scheme.enums import CertificateStatus, StickerStatus


@dataclass(frozen=True, slots=True)
class StoredCertificate:
    """A certificate as the database holds it: what officers did to it and when it expires."""

    id: int
    number: str
    status: CertificateStatus
    expires_on: date
    issued_on: date | None = None
    status_changed_on: date | None = None


@dataclass(frozen=True, slots=True)
class StoredPremises:
    name: str
    address: str
    premises_type: str
    # The first day the public sees "suspended pending checks" (premises.readiness_rule).
    suspended_from: date | None = None

    def pending_checks_on(self, today: date) -> bool:
        return pending_checks_on(self.suspended_from, today)


@dataclass(frozen=True, slots=True)
class StoredSticker:
    """The printed sticker scanned, as the database holds it (serial "" : a QR without one)."""

    serial: str
    known: bool  # a sticker with this serial was printed for this certificate
    status: StickerStatus | None = None
    replaced: bool = False


NO_SERIAL = StoredSticker("", True)


@dataclass(frozen=True)
class CurrentCertificate:
    number: str
    state: CertificateState
    expires_on: date
    pending_checks: bool = False


@dataclass(frozen=True)
class Verification:
    number: str
    state: CertificateState
    issued_on: date
    expires_on: date
    status_changed_on: date | None
    premises_name: str
    premises_address: str
    premises_type: str
    current: CurrentCertificate | None  # the premises' current certificate, when not this one
    sticker_warning: str | None = None  # when the sticker scanned is not one on display by right
    code: str = ""  # the certificate's public code and the sticker's serial, for the report form
    serial: str = ""
    # Valid as a certificate, but the premises is not ready and its grace period is over.
    pending_checks: bool = False

    @property
    def accredited(self) -> bool:
        return self.state == CertificateState.VALID and not self.pending_checks

    @cached_property  # the page shows it twice, in the title and the heading
    def headline(self) -> str:
        if self.state == CertificateState.VALID and self.pending_checks:
            return PENDING_CHECKS
        return headline(self.state, self.expires_on, self.status_changed_on)

    @property
    def premises_now(self) -> str | None:
        return premises_now(self.state, self.current)


# In plain words and with no reason given: the public page never says why.
PENDING_CHECKS = "NOT accredited: suspended pending checks"


def headline(state: CertificateState, expires_on: date, status_changed_on: date | None) -> str:
    if state == CertificateState.VALID:
        return f"Accredited until {_day(expires_on)}"
    if state == CertificateState.EXPIRED:
        return f"NOT accredited: this certificate expired on {_day(expires_on)}"
    if state == CertificateState.SUPERSEDED:
        return f"NOT valid: this certificate was replaced on {_day(status_changed_on)}"
    return f"NOT accredited: this certificate was {state.value} on {_day(status_changed_on)}"


def premises_now(state: CertificateState, current: CurrentCertificate | None) -> str | None:
    """Whether the premises holds a valid certificate, said only when the scanned one is not
    valid: the sticker may be an old one left up."""
    if state == CertificateState.VALID:
        return None
    if current is not None and current.state == CertificateState.VALID and current.pending_checks:
        return f"The premises' current certificate, {current.number}, is suspended pending checks."
    if current is not None and current.state == CertificateState.VALID:
        return (f"The premises holds a newer certificate, {current.number}, valid until "
                f"{_day(current.expires_on)}. Ask to see its sticker.")
    return "The premises does not hold a current certificate."


def sticker_warning(sticker: StoredSticker) -> str | None:
    """What the page says about the printed sticker itself, apart from the certificate: a
    serial never printed is a copy or a forgery; a lost, destroyed, replaced or removed one
    should not be on display."""
    if not sticker.serial:
        return None
    if not sticker.known:
        return (f"We have no record of printing sticker {sticker.serial} for this certificate. "
                "It may be a copy: check the name and address below.")
    if sticker.status in (StickerStatus.LOST, StickerStatus.DESTROYED):
        return (f"Sticker {sticker.serial} of this certificate was reported {sticker.status.value}, "
                "so this may not be the genuine sticker.")
    if sticker.replaced or sticker.status == StickerStatus.REMOVED:
        return f"Sticker {sticker.serial} of this certificate was replaced or taken down: it should not be on display."
    return None


def other_current_certificate(scanned: StoredCertificate, current: StoredCertificate | None,
                              today: date, pending_checks: bool = False) -> CurrentCertificate | None:
    """The premises' current certificate (state.current_certificate), when it is not the one scanned."""
    if current is None or current.id == scanned.id:
        return None
    return CurrentCertificate(current.number, certificate_state(current, today), current.expires_on, pending_checks)


def verification(scanned: StoredCertificate, premises: StoredPremises, current: StoredCertificate | None,
                 today: date, sticker: StoredSticker = NO_SERIAL, code: str = "") -> Verification:
    pending = premises.pending_checks_on(today)
    return Verification(
        number=scanned.number, state=certificate_state(scanned, today), issued_on=scanned.issued_on,
        expires_on=scanned.expires_on, status_changed_on=scanned.status_changed_on, premises_name=premises.name,
        premises_address=premises.address, premises_type=premises.premises_type,
        current=other_current_certificate(scanned, current, today, pending), sticker_warning=sticker_warning(sticker),
        code=code, serial=sticker.serial,
        pending_checks=pending,
    )


@lru_cache(maxsize=1024)  # strftime costs the public page more than its query
def _day(value: date | None) -> str:
    return in_words(value, missing="an unknown date")
