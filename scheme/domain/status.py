"""What state a certificate and a premises are in on a given day: derived, never stored twice."""

import enum
from datetime import date

import sqlalchemy as sa

from scheme.models import ApplicationStatus, Certificate, CertificateStatus, Premises


class CertificateState(enum.StrEnum):
    VALID = "valid"
    EXPIRED = "expired"
    SUSPENDED = "suspended"
    REVOKED = "revoked"
    SUPERSEDED = "superseded"


class PremisesStatus(enum.StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    CHANGES_REQUESTED = "changes_requested"
    REJECTED = "rejected"
    MEMBER = "member"
    ACCREDITED = "accredited"
    SUSPENDED = "suspended"
    LAPSED = "lapsed"
    REVOKED = "revoked"

    @property
    def label(self) -> str:
        return {
            "changes_requested": "Changes requested",
            "lapsed": "Lapsed (certificate expired)",
        }.get(self.value, self.value.capitalize())


def certificate_state(certificate: Certificate, today: date) -> CertificateState:
    if certificate.status == CertificateStatus.REVOKED:
        return CertificateState.REVOKED
    if certificate.status == CertificateStatus.SUPERSEDED:
        return CertificateState.SUPERSEDED
    if certificate.status == CertificateStatus.SUSPENDED:
        return CertificateState.SUSPENDED
    if today > certificate.expires_on:
        return CertificateState.EXPIRED
    return CertificateState.VALID


def valid_clause(certificates, today: date | sa.BindParameter) -> sa.ColumnElement[bool]:
    """certificate_state(...) == VALID, as SQL. `certificates` is the Certificate model or a
    certificate table's columns (`table.c`)."""
    return sa.and_(certificates.status == CertificateStatus.ACTIVE.value, certificates.expires_on >= today)


def current_certificate(certificates: list[Certificate]) -> Certificate | None:
    """The premises' latest certificate that has not been replaced by a newer one."""
    live = [c for c in certificates if c.status != CertificateStatus.SUPERSEDED]
    return max(live, key=lambda c: c.id, default=None)


def premises_status(premises: Premises, today: date) -> PremisesStatus:
    if premises.status != ApplicationStatus.MEMBER:
        return PremisesStatus(premises.status.value)
    certificate = current_certificate(premises.certificates)
    if certificate is None:
        return PremisesStatus.MEMBER
    return {
        CertificateState.VALID: PremisesStatus.ACCREDITED,
        CertificateState.EXPIRED: PremisesStatus.LAPSED,
        CertificateState.SUSPENDED: PremisesStatus.SUSPENDED,
        CertificateState.REVOKED: PremisesStatus.REVOKED,
    }[certificate_state(certificate, today)]
