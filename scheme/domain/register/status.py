"""The machine-readable status of a certificate or premises in the open register.

The values are a published contract (the API's `status`): platforms act differently on each,
so they never change meaning and a new one is only ever added.
"""

import enum

from scheme.domain.certificates.state import CertificateState


class PublicStatus(enum.StrEnum):
    ACCREDITED = "accredited"
    SUSPENDED = "suspended"
    SUSPENDED_PENDING_CHECKS = "suspended_pending_checks"
    REVOKED = "revoked"
    EXPIRED = "expired"
    SUPERSEDED = "superseded"
    UNKNOWN = "unknown"  # no certificate has that code

    @property
    def accredited(self) -> bool:
        return self == PublicStatus.ACCREDITED

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    PublicStatus.ACCREDITED: "Accredited",
    PublicStatus.SUSPENDED: "Suspended",
    PublicStatus.SUSPENDED_PENDING_CHECKS: "Suspended pending checks",
    PublicStatus.REVOKED: "Revoked",
    PublicStatus.EXPIRED: "Expired",
    PublicStatus.SUPERSEDED: "Replaced by a newer certificate",
    PublicStatus.UNKNOWN: "Not a certificate of the scheme",
}

_FROM_STATE = {
    CertificateState.VALID: PublicStatus.ACCREDITED,
    CertificateState.SUSPENDED: PublicStatus.SUSPENDED,
    CertificateState.REVOKED: PublicStatus.REVOKED,
    CertificateState.EXPIRED: PublicStatus.EXPIRED,
    CertificateState.SUPERSEDED: PublicStatus.SUPERSEDED,
}


def public_status(state: CertificateState | None, pending_checks: bool = False) -> PublicStatus:
    """`state` is certificates.state.certificate_state of the certificate asked about (None:
    there is no such certificate); `pending_checks` is readiness_rule.pending_checks_on of its
    premises. As on `/v/<code>`, a valid certificate of a premises suspended pending checks
    does not count; any other state says what happened to the certificate itself."""
    if state is None:
        return PublicStatus.UNKNOWN
    if state == CertificateState.VALID and pending_checks:
        return PublicStatus.SUSPENDED_PENDING_CHECKS
    return _FROM_STATE[state]
