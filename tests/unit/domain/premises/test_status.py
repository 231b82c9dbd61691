from datetime import date

import pytest

from scheme.domain.certificates.state import (
    current_certificate,
)
from scheme.domain.premises.status import PremisesStatus, premises_status
from scheme.enums import ApplicationStatus, CertificateStatus
from tests.unit.plain_models import certificate

TODAY = date(2026, 11, 29)


@pytest.mark.parametrize(
    ("application", "certificates", "expected"),
    [
        (ApplicationStatus.DRAFT, [], PremisesStatus.DRAFT),
        (ApplicationStatus.SUBMITTED, [], PremisesStatus.SUBMITTED),
        (ApplicationStatus.MEMBER, [], PremisesStatus.MEMBER),
        (ApplicationStatus.MEMBER, [certificate()], PremisesStatus.ACCREDITED),
        (ApplicationStatus.MEMBER, [certificate(expires_on=date(2026, 11, 1))], PremisesStatus.LAPSED),
        (ApplicationStatus.MEMBER, [certificate(status=CertificateStatus.SUSPENDED)], PremisesStatus.SUSPENDED),
        (ApplicationStatus.MEMBER, [certificate(status=CertificateStatus.REVOKED)], PremisesStatus.REVOKED),
    ],
)
def test_premises_status(application, certificates, expected):
    assert premises_status(application, current_certificate(certificates), TODAY) == expected
