from datetime import date

import pytest

from scheme.domain.certificates.state import (
    CertificateState,
    certificate_state,
    current_certificate,
)
from scheme.enums import CertificateStatus
from tests.unit.plain_models import certificate

TODAY = date(2026, 11, 29)


@pytest.mark.parametrize(
    ("status", "expires_on", "expected"),
    [
        (CertificateStatus.ACTIVE, TODAY, CertificateState.VALID),  # the last valid day
        (CertificateStatus.ACTIVE, date(2026, 11, 28), CertificateState.EXPIRED),  # expired yesterday
        (CertificateStatus.SUSPENDED, date(2027, 1, 1), CertificateState.SUSPENDED),
        (CertificateStatus.REVOKED, date(2027, 1, 1), CertificateState.REVOKED),
        (CertificateStatus.SUPERSEDED, date(2027, 1, 1), CertificateState.SUPERSEDED),
        (CertificateStatus.SUSPENDED, date(2026, 1, 1), CertificateState.SUSPENDED),  # suspension outranks expiry
    ],
)
def test_certificate_state_is_derived_from_status_and_date(status, expires_on, expected):
    assert certificate_state(certificate(status=status, expires_on=expires_on), TODAY) == expected


def test_current_certificate_ignores_superseded_and_takes_the_newest():
    old = certificate(1, CertificateStatus.SUPERSEDED)
    new = certificate(2)
    assert current_certificate([old, new]) is new
    assert current_certificate([old]) is None
