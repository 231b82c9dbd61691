"""What state a premises is in on a given day: where it is in joining the scheme and, once a
member, what its current certificate says. Derived, never stored twice."""

import enum
from datetime import date

import sqlalchemy as sa

from scheme.domain.certificates.state import CertificateState, certificate_state
from scheme.enums import ApplicationStatus, CertificateStatus
from scheme.models import Certificate


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


_FROM_CERTIFICATE = {
    CertificateState.VALID: PremisesStatus.ACCREDITED,
    CertificateState.EXPIRED: PremisesStatus.LAPSED,
    CertificateState.SUSPENDED: PremisesStatus.SUSPENDED,
    CertificateState.REVOKED: PremisesStatus.REVOKED,
}


def premises_status(application_status: ApplicationStatus, current: Certificate | None, today: date) -> PremisesStatus:
    """`current` is the premises' current certificate (certificates.state.current_certificate)."""
    if application_status != ApplicationStatus.MEMBER:
        return PremisesStatus(application_status.value)
    if current is None:
        return PremisesStatus.MEMBER
    return _FROM_CERTIFICATE[certificate_state(current, today)]


def status_clause(application_status, certificate_status, certificate_expires_on, today: date) -> sa.ColumnElement[str]:
    """premises_status(...), as SQL: the status value from the premises' application status
    column and its current certificate's status and expiry columns (NULL: no current one)."""
    return sa.case(
        (application_status != ApplicationStatus.MEMBER.value, application_status),
        (certificate_status.is_(None), PremisesStatus.MEMBER.value),
        (certificate_status == CertificateStatus.REVOKED.value, PremisesStatus.REVOKED.value),
        (certificate_status == CertificateStatus.SUSPENDED.value, PremisesStatus.SUSPENDED.value),
        (certificate_expires_on < today, PremisesStatus.LAPSED.value),
        else_=PremisesStatus.ACCREDITED.value,
    )
