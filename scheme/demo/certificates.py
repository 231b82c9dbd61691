"""Certificates in every state, each issued, renewed, suspended or revoked by an officer through
the certificate services on the day it happened; and a month of sticker scans.

An expired certificate is one issued more than its validity ago and never renewed: the demo
issues it on that earlier day, when the premises met the rules, and time did the rest.
"""

from datetime import UTC, date, datetime, time, timedelta

from scheme.demo.context import DemoContext
from scheme.domain.certificates import codes, lifecycle, sticker_reports, stickers
from scheme.domain.certificates.state import CertificateState, certificate_state
from scheme.domain.dates import in_words
from scheme.domain.premises import readiness
from scheme.extensions import db
from scheme.enums import AssessmentKind, Outcome, StickerReportReason, StickerStatus
from scheme.models import Assessment, Certificate, Premises, ScanCount, Sticker

SUSPENSION = ("Staff served a test purchaser without asking for ID during a police test visit. "
              "Retrain bar staff on Challenge 25 and the scheme's briefing.")
REVOCATION = "The premises licence was revoked after a police closure order."
# The station's sticker is the one to try on a phone: it shows British Transport Police first.
ALWAYS_SHOWN = "Braintree Station"


def _current(premises_id: int) -> Certificate:
    return lifecycle.certificates_of(premises_id)[0]


# A second sticker printed, and the first recorded lost, so its later scans are flagged.
SECOND_STICKER = "The Horn Hotel"
# Scans of a serial never printed: a copied sticker.
COPIED = ("Golden Dragon Takeaway", "7")
# Members of the public reported this sticker as looking wrong.
REPORTED = {"The Swan": {StickerReportReason.WRONG_PLACE: 2, StickerReportReason.DAMAGED_OR_ALTERED: 1}}


def _print(demo: DemoContext, certificate_id: int, day: date) -> None:
    moment = datetime.combine(day, time(11), tzinfo=UTC)
    stickers.print_sticker(certificate_id, actor=demo.officer, today=day, now=moment)


def issue(demo: DemoContext, premises_id: int, day: date) -> None:
    certificate = lifecycle.issue_certificate(premises_id, actor=demo.officer, today=day, base_url=demo.base_url)
    _print(demo, certificate.id, day)


def renew(demo: DemoContext, premises_id: int, day: date) -> None:
    certificate = lifecycle.renew_certificate(_current(premises_id).id, actor=demo.officer, today=day,
                                              base_url=demo.base_url)
    _print(demo, certificate.id, day)


def suspend(demo: DemoContext, premises_id: int, day: date) -> None:
    lifecycle.suspend_certificate(_current(premises_id).id, actor=demo.officer, reason=SUSPENSION, today=day)


def revoke(demo: DemoContext, premises_id: int) -> None:
    lifecycle.revoke_certificate(_current(premises_id).id, actor=demo.officer, reason=REVOCATION)


def _add_scans(demo: DemoContext, certificate: Certificate, serials: list[str]) -> None:
    # Counts as the public page keeps them (per certificate, sticker and day). The page writes
    # them through a connection of its own, outside any transaction, so the demo writes the
    # rows itself: the counts are figures, and no rule of the scheme governs them.
    per_day = 3 if certificate.superseded_by_id is None else 1
    for days_ago in range(0, 30, 3):
        day = demo.today - timedelta(days=days_ago)
        if day >= certificate.issued_on:
            for serial in serials:
                db.session.add(ScanCount(certificate_id=certificate.id, serial=serial, day=day,
                                         count=per_day + days_ago % 4))


def _sticker_stories(demo: DemoContext) -> None:
    if SECOND_STICKER in demo.added:
        certificate = _current(demo.added[SECOND_STICKER][0])
        _print(demo, certificate.id, demo.day(40))
        first = db.session.scalar(db.select(Sticker.id).where(Sticker.certificate_id == certificate.id,
                                                              Sticker.serial == "1"))
        stickers.record_sticker_fate(first, actor=demo.officer, status=StickerStatus.LOST,
                                     now=datetime.combine(demo.day(20), time(15), tzinfo=UTC))
    for name, reasons in REPORTED.items():
        if name in demo.added:
            code = _current(demo.added[name][0]).public_code
            for reason, times in reasons.items():
                for _ in range(times):
                    sticker_reports.report_sticker(f"{code}/1", reason, demo.day(2))


def load(demo: DemoContext) -> list[str]:
    _sticker_stories(demo)
    copied_at = demo.premises_ids.get(COPIED[0])
    for premises_id, _owner in demo.added.values():
        for certificate in lifecycle.certificates_of(premises_id):
            serials = list(db.session.scalars(db.select(Sticker.serial).where(Sticker.certificate_id == certificate.id)))
            if premises_id == copied_at and certificate.superseded_by_id is None:
                serials.append(COPIED[1])
            _add_scans(demo, certificate, serials or [""])
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
    lines += _readiness_lines(demo)
    return lines


def _readiness_lines(demo: DemoContext) -> list[str]:
    """Each readiness case, with its address: at risk (for each cause, with the days left),
    suspended pending checks, held as ready by an officer, a failed test visit."""
    lines = ["Readiness (whether a certificate still counts):"]
    rows = db.session.execute(
        db.select(Certificate, Premises).join(Premises, Premises.id == Certificate.premises_id)
        .where(Premises.name.in_(list(demo.premises_ids)), Certificate.superseded_by_id.is_(None))
        .order_by(Premises.name))
    for certificate, premises in rows:
        url = codes.verification_url(demo.base_url, certificate.public_code)
        state = certificate_state(certificate, demo.today)
        now = readiness.readiness_of(premises, demo.today)
        why = f" ({'; '.join(cause.words for cause in now.causes)})" if now.causes else ""
        if state != CertificateState.VALID:
            if state == CertificateState.SUSPENDED and _failed_test_visit(premises.id):
                lines.append(f"  failed test visit, certificate suspended by an officer: {url}  ({premises.name})")
        elif now.suspended:
            lines.append(f"  suspended pending checks{why}: {url}  ({premises.name})")
        elif now.at_risk:
            lines.append(f"  at risk, {now.days_left} days left{why}: {url}  ({premises.name})")
        elif now.hold is not None and now.hold.covers(demo.today):
            lines.append(f"  held as ready until {in_words(now.hold.ends_on)}: {url}  ({premises.name})")
    return lines


def _failed_test_visit(premises_id: int) -> bool:
    return db.session.scalar(db.select(Assessment.id).where(
        Assessment.premises_id == premises_id, Assessment.kind == AssessmentKind.TEST_VISIT,
        Assessment.outcome == Outcome.FAIL).limit(1)) is not None
