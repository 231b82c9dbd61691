"""Certificates in every state, each issued, renewed, suspended or revoked by an officer through
the certificate services on the day it happened; and a month of sticker scans.

An expired certificate is one issued more than its validity ago and never renewed: the demo
issues it on that earlier day, when the premises met the rules, and time did the rest.
"""

from datetime import date, timedelta

from scheme.demo.context import DemoContext
from scheme.domain.certificates import codes, lifecycle
from scheme.domain.certificates.state import CertificateState, certificate_state
from scheme.extensions import db
from scheme.models import Certificate, Premises, ScanCount

SUSPENSION = ("Staff served a test purchaser without asking for ID during a police test visit. "
              "Retrain bar staff on Challenge 25 and the scheme's briefing.")
REVOCATION = "The premises licence was revoked after a police closure order."
# The station's sticker is the one to try on a phone: it shows British Transport Police first.
ALWAYS_SHOWN = "Braintree Station"


def _current(premises_id: int) -> Certificate:
    return lifecycle.certificates_of(premises_id)[0]


def issue(demo: DemoContext, premises_id: int, day: date) -> None:
    lifecycle.issue_certificate(premises_id, actor=demo.officer, today=day, base_url=demo.base_url)


def renew(demo: DemoContext, premises_id: int, day: date) -> None:
    lifecycle.renew_certificate(_current(premises_id).id, actor=demo.officer, today=day, base_url=demo.base_url)


def suspend(demo: DemoContext, premises_id: int, day: date) -> None:
    lifecycle.suspend_certificate(_current(premises_id).id, actor=demo.officer, reason=SUSPENSION, today=day)


def revoke(demo: DemoContext, premises_id: int) -> None:
    lifecycle.revoke_certificate(_current(premises_id).id, actor=demo.officer, reason=REVOCATION)


def _add_scans(demo: DemoContext, certificate: Certificate) -> None:
    # Counts as the public page keeps them (per certificate per day). The page writes them
    # through a connection of its own, outside any transaction, so the demo writes the rows
    # itself: the counts are figures, and no rule of the scheme governs them.
    per_day = 3 if certificate.superseded_by_id is None else 1
    for days_ago in range(0, 30, 3):
        day = demo.today - timedelta(days=days_ago)
        if day >= certificate.issued_on:
            db.session.add(ScanCount(certificate_id=certificate.id, day=day, count=per_day + days_ago % 4))


def load(demo: DemoContext) -> list[str]:
    for premises_id, _owner in demo.added.values():
        for certificate in lifecycle.certificates_of(premises_id):
            _add_scans(demo, certificate)
    db.session.flush()

    lines = [f"Certificates: scan or open these at {demo.base_url}/v/<code>:"]
    shown: set[CertificateState] = set()
    rows = db.session.execute(
        db.select(Certificate, Premises.name).join(Premises, Premises.id == Certificate.premises_id)
        .order_by(Certificate.id))
    for certificate, name in rows:
        state = certificate_state(certificate, demo.today)
        if state in shown and name != ALWAYS_SHOWN:
            continue
        shown.add(state)
        lines.append(f"  {state.value:<10} {codes.verification_url(demo.base_url, certificate.public_code)}"
                     f"  ({name})")
    return lines
