from datetime import date, timedelta

import pytest

from scheme.domain.certificates.state import CertificateState
from scheme.domain.premises.status import PremisesStatus
from scheme.domain.register.statistics import State, _Certificate, _Premises, _state_on
from scheme.domain.register.status import PublicStatus, public_status
from scheme.enums import ApplicationStatus, CertificateStatus, PremisesType

DAY = date(2026, 11, 29)


@pytest.mark.parametrize(("state", "pending_checks", "expected"), [
    (CertificateState.VALID, False, PublicStatus.ACCREDITED),
    (CertificateState.VALID, True, PublicStatus.SUSPENDED_PENDING_CHECKS),
    # What happened to the certificate itself comes first, as on the public page.
    (CertificateState.SUSPENDED, True, PublicStatus.SUSPENDED),
    (CertificateState.REVOKED, True, PublicStatus.REVOKED),
    (CertificateState.EXPIRED, True, PublicStatus.EXPIRED),
    (CertificateState.SUPERSEDED, True, PublicStatus.SUPERSEDED),
    (None, False, PublicStatus.UNKNOWN),
])
def test_public_status(state, pending_checks, expected):
    assert public_status(state, pending_checks) == expected
    assert expected.accredited == (expected == PublicStatus.ACCREDITED)


def test_every_premises_status_is_a_state_of_the_figures():
    assert {s.value for s in PremisesStatus} | {"suspended_pending_checks"} == {s.value for s in State}


def _state(suspended_from, on, *, status=CertificateStatus.ACTIVE, expires_on=DAY + timedelta(days=100)):
    premises = _Premises(1, ApplicationStatus.MEMBER, PremisesType.PUB, "Centre", DAY - timedelta(days=400),
                         suspended_from)
    certificate = _Certificate(1, 1, status, DAY - timedelta(days=200), expires_on, None)
    return _state_on(premises, [certificate], on)


def test_the_figures_count_suspended_pending_checks_from_the_day_kept_on():
    assert _state(None, DAY) == State.ACCREDITED
    assert _state(DAY, DAY - timedelta(days=1)) == State.ACCREDITED  # at risk: still accredited
    assert _state(DAY, DAY) == State.SUSPENDED_PENDING_CHECKS
    assert _state(DAY - timedelta(days=30), DAY) == State.SUSPENDED_PENDING_CHECKS
    assert _state(DAY, DAY, status=CertificateStatus.SUSPENDED) == State.SUSPENDED
    assert _state(DAY, DAY, expires_on=DAY - timedelta(days=1)) == State.LAPSED
