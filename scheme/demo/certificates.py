"""Certificates in every state, with some scans, issued through the certificate rules where
the demo premises meet them."""

from datetime import date, datetime, time, timedelta, timezone

from flask import current_app

from scheme.domain import audit_log, reporting_routes, settings
from scheme.domain.certificates import codes, lifecycle
from scheme.domain.certificates.state import certificate_state
from scheme.domain.dates import add_months
from scheme.enums import AssessmentKind, Outcome
from scheme.extensions import db
from scheme.models import Assessment, Certificate, Premises, ScanCount, User

# premises name, days ago it was issued, what happened to it since
PLAN = [
    ("Galleys Corner Travel Lodge", 90, "valid"),
    ("The Horn Hotel", 150, "valid"),
    ("Golden Dragon Takeaway", 60, "valid"),
    ("A120 Cars", 120, "valid"),
    ("The Swan", 30, "valid"),
    ("Braintree Station", 45, "valid"),
    ("Galleys Corner Services Shop", 200, "valid"),
    ("The Orange Tree", 345, "valid"),  # expires within the month: in the officers' queue
    ("Freeport Inn", 340, "renewed"),
    ("Fountain Bar", 200, "suspended"),
    ("Costcutter Rayne Road", 250, "revoked"),
    ("Bocking Wines", 400, "expired"),
]


def _at(day: date) -> datetime:
    return datetime.combine(day, time(11, 0), tzinfo=timezone.utc)


def _ensure_passed_audit(premises: Premises, officer: User | None, on: date) -> None:
    if lifecycle.latest_audit(premises.id) is None:
        visited = on - timedelta(days=7)
        next_visit = add_months(visited, settings.load().visit_interval_months)
        db.session.add(Assessment(premises_id=premises.id, kind=AssessmentKind.AUDIT, officer_id=officer.id if officer else None,
                                  visit_date=visited, completed_at=_at(visited), next_visit_on=next_visit,
                                  outcome=Outcome.PASS, summary="All standards met."))
        premises.next_visit_due_on = next_visit
        db.session.flush()


def _issue(premises: Premises, officer: User | None, on: date, base_url: str) -> Certificate:
    if lifecycle.eligibility(premises, on).eligible:
        return lifecycle.issue_certificate(premises.id, actor=officer, today=on, base_url=base_url)
    # A demo premises whose training (from the training demo data) does not meet the rule on
    # that day still gets its history, so that every state can be seen.
    number = codes.allocate_number(on.year)
    certificate = lifecycle.new_certificate(premises, number, officer, on, base_url)
    audit_log.record(officer, "certificate.issued", premises_id=premises.id, subject=f"certificate:{certificate.id}",
                 details=f"{certificate.number} (demo data)")
    return certificate


def _scans(certificate: Certificate, today: date, per_day: int) -> None:
    for days_ago in range(0, 30, 3):
        day = today - timedelta(days=days_ago)
        if day >= certificate.issued_on:
            db.session.merge(ScanCount(certificate_id=certificate.id, day=day, count=per_day + days_ago % 4))


def load(today: date) -> list[str]:
    base_url = current_app.config["SCHEME_BASE_URL"]
    officer = db.session.scalar(db.select(User).where(User.email == "officer@example.com"))
    reporting_routes.bump_version()
    for name, days_ago, fate in sorted(PLAN, key=lambda entry: -entry[1]):
        premises = db.session.scalar(db.select(Premises).where(Premises.name == name))
        if premises is None or premises.certificates:
            continue
        issued_on = today - timedelta(days=days_ago)
        _ensure_passed_audit(premises, officer, issued_on)
        certificate = _issue(premises, officer, issued_on, base_url)
        _scans(certificate, today, 2)
        if fate == "renewed":
            renewed_on = today - timedelta(days=20)
            if lifecycle.eligibility(premises, renewed_on).eligible:
                new = lifecycle.renew_certificate(certificate.id, actor=officer, today=renewed_on, base_url=base_url)
            else:
                new = lifecycle.new_certificate(premises, codes.allocate_number(renewed_on.year), officer,
                                                   renewed_on, base_url)
                lifecycle.supersede(certificate, new)
            _scans(new, today, 3)
        elif fate == "suspended":
            lifecycle.suspend_certificate(
                certificate.id, actor=officer, today=today - timedelta(days=10),
                reason="Staff served a test purchaser without asking for ID during a police test visit. "
                       "Retrain bar staff on Challenge 25 and the scheme's briefing.")
        elif fate == "revoked":
            lifecycle.revoke_certificate(certificate.id, actor=officer,
                                            reason="The premises licence was revoked after a police closure order.")
    db.session.flush()

    lines = [f"Certificates: scan or open these at {base_url}/v/<code>:"]
    shown = set()
    for certificate in db.session.scalars(db.select(Certificate).order_by(Certificate.id)):
        state = certificate_state(certificate, today)
        at_station = certificate.premises.name == "Braintree Station"
        if state in shown and not at_station:
            continue
        shown.add(state)
        lines.append(f"  {state.value:<10} {codes.verification_url(base_url, certificate.public_code)}"
                     f"  ({certificate.premises.display_name})")
    return lines
