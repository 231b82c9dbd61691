from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

import pytest

from scheme.enums import ApplicationStatus, CertificateStatus, PremisesType
from scheme.extensions import db
from scheme.models import Certificate, Premises
from tests import factories, factories_officer


@dataclass
class Case:
    premises: Premises
    certificate: Certificate
    status: str  # what the API's verify says of this certificate's code


def _member(name: str, **fields) -> Premises:
    return factories.make_premises(status=ApplicationStatus.MEMBER, name=name, **fields)


def _certificate(premises, *, expires_on, status=CertificateStatus.ACTIVE, changed_days_ago=3) -> Certificate:
    certificate = factories_officer.make_certificate(premises, expires_on=expires_on, status=status)
    if status != CertificateStatus.ACTIVE:
        certificate.status_changed_at = datetime.now(timezone.utc) - timedelta(days=changed_days_ago)
        db.session.commit()
    return certificate


@pytest.fixture
def every_state(app) -> dict[str, Case]:
    """A premises in each state the public can see, keyed by what the API says of its code."""
    today = date.today()
    year_on = today + timedelta(days=300)
    cases = {}
    accredited = _member("Accredited Arms", premises_type=PremisesType.PUB, town="Witham", postcode="CM8 2AB",
                         area="Witham")
    cases["accredited"] = Case(accredited, _certificate(accredited, expires_on=year_on), "accredited")
    home = _member("Home Cabs", premises_type=PremisesType.TAXI, home_based=True, address_line_1="7 Quiet Close",
                   postcode="CM7 9ZZ")
    cases["accredited_home_based"] = Case(home, _certificate(home, expires_on=year_on), "accredited")
    suspended = _member("Suspended Suites")
    cases["suspended"] = Case(suspended, _certificate(suspended, expires_on=year_on,
                                                      status=CertificateStatus.SUSPENDED), "suspended")
    revoked = _member("Revoked Rooms")
    cases["revoked"] = Case(revoked, _certificate(revoked, expires_on=year_on, status=CertificateStatus.REVOKED),
                            "revoked")
    expired = _member("Expired Eats", premises_type=PremisesType.TAKEAWAY)
    cases["expired"] = Case(expired, _certificate(expired, expires_on=today - timedelta(days=1)), "expired")
    renewed = _member("Renewed Rest")
    old = _certificate(renewed, expires_on=today + timedelta(days=20), status=CertificateStatus.SUPERSEDED)
    new = _certificate(renewed, expires_on=year_on)
    old.superseded_by_id = new.id
    db.session.commit()
    cases["superseded"] = Case(renewed, old, "superseded")
    cases["renewed"] = Case(renewed, new, "accredited")
    expires_today = _member("Last Day Lodge")
    cases["expires_today"] = Case(expires_today, _certificate(expires_today, expires_on=today), "accredited")
    draft = factories.make_premises(name="Draft Diner")
    cases["never_certified"] = Case(draft, None, "unknown")
    return cases
