"""What the public page says, state by state, from plain values: no database."""

from datetime import date

import pytest

from scheme.domain.certificates.public_page_wording import (
    CurrentCertificate,
    StoredCertificate,
    StoredPremises,
    headline,
    other_current_certificate,
    premises_now,
    verification,
)
from scheme.domain.certificates.state import CertificateState
from scheme.enums import CertificateStatus

TODAY = date(2026, 12, 1)
SWAN = StoredPremises("The Swan", "19 Bradford Street, Bocking, Braintree, CM7 9AS", "pub")
NO_CURRENT = "The premises does not hold a current certificate."


def stored(id_: int = 1, status: CertificateStatus = CertificateStatus.ACTIVE, expires_on: date = date(2027, 3, 12),
           number: str | None = None) -> StoredCertificate:
    return StoredCertificate(id_, number or f"SISI-2026-{id_:05d}", status, expires_on,
                             issued_on=date(2026, 3, 13), status_changed_on=date(2026, 11, 3))


@pytest.mark.parametrize(("state", "expected"), [
    (CertificateState.VALID, "Accredited until 12 March 2027"),
    (CertificateState.EXPIRED, "NOT accredited: this certificate expired on 12 March 2027"),
    (CertificateState.SUSPENDED, "NOT accredited: this certificate was suspended on 3 November 2026"),
    (CertificateState.REVOKED, "NOT accredited: this certificate was revoked on 3 November 2026"),
    (CertificateState.SUPERSEDED, "NOT valid: this certificate was replaced on 3 November 2026"),
])
def test_the_headline_says_the_state_in_plain_words(state, expected):
    assert headline(state, date(2027, 3, 12), date(2026, 11, 3)) == expected


@pytest.mark.parametrize("state", [CertificateState.SUSPENDED, CertificateState.REVOKED, CertificateState.SUPERSEDED])
def test_a_headline_without_the_day_of_the_change_says_so(state):
    assert headline(state, date(2027, 3, 12), None).endswith(" on an unknown date")


@pytest.mark.parametrize(("status", "expires_on", "state", "accredited"), [
    (CertificateStatus.ACTIVE, TODAY, CertificateState.VALID, True),  # the last valid day
    (CertificateStatus.ACTIVE, date(2026, 11, 30), CertificateState.EXPIRED, False),  # the day after it
    (CertificateStatus.SUSPENDED, date(2027, 3, 12), CertificateState.SUSPENDED, False),
    (CertificateStatus.REVOKED, date(2027, 3, 12), CertificateState.REVOKED, False),
    (CertificateStatus.SUPERSEDED, date(2027, 3, 12), CertificateState.SUPERSEDED, False),
    (CertificateStatus.SUSPENDED, date(2026, 1, 1), CertificateState.SUSPENDED, False),  # what officers did comes first
])
def test_the_scanned_certificate_is_in_the_state_its_status_and_expiry_give_on_the_day(status, expires_on, state,
                                                                                       accredited):
    result = verification(stored(status=status, expires_on=expires_on), SWAN, None, TODAY)
    assert result.state == state
    assert result.accredited is accredited
    assert result.headline == headline(state, expires_on, date(2026, 11, 3))


def test_a_valid_certificate_says_nothing_about_other_certificates():
    newer = stored(2, expires_on=date(2027, 11, 2))
    assert verification(stored(), SWAN, newer, TODAY).premises_now is None
    assert premises_now(CertificateState.VALID, CurrentCertificate("SISI-2026-00002", CertificateState.VALID,
                                                                   date(2027, 11, 2))) is None


@pytest.mark.parametrize("scanned_status", [CertificateStatus.SUPERSEDED, CertificateStatus.SUSPENDED,
                                            CertificateStatus.REVOKED, CertificateStatus.ACTIVE])
def test_a_certificate_that_is_not_valid_points_to_a_valid_newer_one(scanned_status):
    scanned = stored(1, scanned_status, expires_on=date(2026, 6, 1))  # expired, when active
    newer = stored(2, expires_on=date(2027, 11, 2), number="SISI-2026-00077")
    assert verification(scanned, SWAN, newer, TODAY).premises_now == (
        "The premises holds a newer certificate, SISI-2026-00077, valid until 2 November 2027. "
        "Ask to see its sticker.")


@pytest.mark.parametrize(("newer_status", "newer_expires_on"), [
    (CertificateStatus.SUSPENDED, date(2027, 11, 2)),
    (CertificateStatus.REVOKED, date(2027, 11, 2)),
    (CertificateStatus.ACTIVE, date(2026, 11, 30)),  # expired yesterday
])
def test_a_newer_certificate_that_is_not_valid_is_not_offered(newer_status, newer_expires_on):
    scanned = stored(1, CertificateStatus.SUPERSEDED)
    newer = stored(2, newer_status, expires_on=newer_expires_on)
    assert verification(scanned, SWAN, newer, TODAY).premises_now == NO_CURRENT


@pytest.mark.parametrize("scanned_status", [CertificateStatus.SUPERSEDED, CertificateStatus.SUSPENDED,
                                            CertificateStatus.REVOKED, CertificateStatus.ACTIVE])
def test_without_a_current_certificate_the_page_says_there_is_none(scanned_status):
    scanned = stored(1, scanned_status, expires_on=date(2026, 6, 1))
    assert verification(scanned, SWAN, None, TODAY).premises_now == NO_CURRENT


@pytest.mark.parametrize("scanned_status", [CertificateStatus.SUSPENDED, CertificateStatus.REVOKED,
                                            CertificateStatus.ACTIVE])
def test_when_the_scanned_certificate_is_itself_the_current_one_there_is_no_newer_one(scanned_status):
    scanned = stored(1, scanned_status, expires_on=date(2026, 6, 1))
    assert other_current_certificate(scanned, scanned, TODAY) is None
    assert verification(scanned, SWAN, scanned, TODAY).premises_now == NO_CURRENT


def test_the_newer_certificate_is_judged_on_the_day():
    newer = stored(2, expires_on=date(2027, 11, 2))
    assert other_current_certificate(stored(1, CertificateStatus.SUPERSEDED), newer, TODAY) == CurrentCertificate(
        "SISI-2026-00002", CertificateState.VALID, date(2027, 11, 2))
    assert other_current_certificate(stored(1, CertificateStatus.SUPERSEDED), newer, date(2027, 11, 3)).state == (
        CertificateState.EXPIRED)


def test_the_page_shows_the_premises_and_the_certificate_as_stored():
    result = verification(stored(7), SWAN, None, TODAY)
    assert (result.number, result.premises_name, result.premises_address, result.premises_type) == (
        "SISI-2026-00007", "The Swan", "19 Bradford Street, Bocking, Braintree, CM7 9AS", "pub")
    assert (result.issued_on, result.expires_on, result.status_changed_on) == (
        date(2026, 3, 13), date(2027, 3, 12), date(2026, 11, 3))
