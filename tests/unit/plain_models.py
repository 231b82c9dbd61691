"""Model objects built in memory, for rules that take them: never added to a session."""

from datetime import date

from scheme.enums import CertificateStatus
from scheme.models import Certificate


def certificate(id_=1, status=CertificateStatus.ACTIVE, expires_on=date(2027, 3, 12)) -> Certificate:
    return Certificate(id=id_, status=status, expires_on=expires_on, issued_on=date(2026, 3, 13))
