from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

import pytest

from scheme.domain import clock
from scheme.enums import CertificateStatus, PremisesType
from scheme.extensions import db
from scheme.models import Certificate, Premises
from tests import factories, factories_officer
from tests.integration.certificates.conftest import make_eligible_premises

UNKNOWN_CODE = "ZZZZZZZZ"


@dataclass
class Case:
    premises: Premises | None  # None: the code is no certificate's
    certificate: Certificate | None
    status: str  # what the API's verify says of this certificate's code
    listed: bool  # whether the premises is in the directory, the API's list and the bulk files


def _certificate(premises, *, expires_on, status=CertificateStatus.ACTIVE, changed_days_ago=3) -> Certificate:
    certificate = factories_officer.make_certificate(premises, expires_on=expires_on, status=status)
    if status != CertificateStatus.ACTIVE:
        certificate.status_changed_at = datetime.now(timezone.utc) - timedelta(days=changed_days_ago)
        db.session.commit()
    return certificate


@pytest.fixture
def register_today(app):
    """The app's today, fixed for the test, so that every surface asks about the same day."""
    today = date.today()
    app.config["SCHEME_TODAY"] = today
    yield today
    app.config.pop("SCHEME_TODAY")


@pytest.fixture
def every_state(app, register_today) -> dict[str, Case]:
    """A premises in each state the public can see, keyed by what the API says of its code.

    Each is a member whose latest audit passed and whose lead is trained (ready), unless its
    case says otherwise: readiness is kept on the premises by the writes below, as in use."""
    today = register_today
    year_on = today + timedelta(days=300)

    def member(name: str, **fields) -> Premises:
        return make_eligible_premises(on=today, name=name, **fields)

    cases = {}
    accredited = member("Accredited Arms", premises_type=PremisesType.PUB, town="Witham", postcode="CM8 2AB",
                        area="Witham")
    cases["accredited"] = Case(accredited, _certificate(accredited, expires_on=year_on), "accredited", True)
    home = member("Home Cabs", premises_type=PremisesType.TAXI, home_based=True, address_line_1="7 Quiet Close",
                  postcode="CM7 9ZZ")
    cases["accredited_home_based"] = Case(home, _certificate(home, expires_on=year_on), "accredited", True)
    # A mandatory action overdue, learned today: at risk, still accredited for the grace period.
    at_risk = member("At Risk Rooms")
    cases["at_risk"] = Case(at_risk, _certificate(at_risk, expires_on=year_on), "accredited", True)
    factories_officer.make_action(at_risk, due_on=today - timedelta(days=2))
    # The same, learned 20 days ago: the grace period (14 days) is over.
    pending = member("Pending Checks Pizza", premises_type=PremisesType.TAKEAWAY)
    cases["suspended_pending_checks"] = Case(pending, _certificate(pending, expires_on=year_on),
                                             "suspended_pending_checks", False)
    with clock.on(today - timedelta(days=20)):
        factories_officer.make_action(pending, due_on=today - timedelta(days=25))
    suspended = member("Suspended Suites")
    cases["suspended"] = Case(suspended, _certificate(suspended, expires_on=year_on,
                                                      status=CertificateStatus.SUSPENDED), "suspended", False)
    revoked = member("Revoked Rooms")
    cases["revoked"] = Case(revoked, _certificate(revoked, expires_on=year_on, status=CertificateStatus.REVOKED),
                            "revoked", False)
    expired = member("Expired Eats", premises_type=PremisesType.TAKEAWAY)
    cases["expired"] = Case(expired, _certificate(expired, expires_on=today - timedelta(days=1)), "expired", False)
    renewed = member("Renewed Rest")
    old = _certificate(renewed, expires_on=today + timedelta(days=20), status=CertificateStatus.SUPERSEDED)
    new = _certificate(renewed, expires_on=year_on)
    old.superseded_by_id = new.id
    db.session.commit()
    # The old sticker's code is superseded; the premises is listed by its newer certificate.
    cases["superseded"] = Case(renewed, old, "superseded", True)
    cases["renewed"] = Case(renewed, new, "accredited", True)
    expires_today = member("Last Day Lodge")
    cases["expires_today"] = Case(expires_today, _certificate(expires_today, expires_on=today), "accredited", True)
    draft = factories.make_premises(name="Draft Diner")
    cases["never_certified"] = Case(draft, None, "unknown", False)
    cases["unknown_code"] = Case(None, None, "unknown", False)

    db.session.expire_all()
    kept = {key: (db.session.get(Premises, case.premises.id).ready_until,
                  db.session.get(Premises, case.premises.id).suspended_from)
            for key, case in cases.items() if case.premises is not None and key in ("at_risk", "accredited",
                                                                                    "suspended_pending_checks")}
    # What the cases stand for, as readiness kept it.
    assert kept["accredited"][0] is None or kept["accredited"][0] > today
    assert kept["at_risk"][0] < today < kept["at_risk"][1]
    assert kept["suspended_pending_checks"][1] <= today
    return cases
