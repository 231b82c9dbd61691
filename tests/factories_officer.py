"""Test data for the officer journey: applications, visits, actions and certificates."""

import itertools
from datetime import date, datetime, timedelta, timezone

from scheme.enums import (
    Answer,
    ApplicationStatus,
    AssessmentKind,
    CertificateStatus,
    Outcome,
    StickerPrint,
    StickerStatus,
)
from scheme.extensions import db
from scheme.models import (
    Action,
    Assessment,
    AssessmentAnswer,
    Certificate,
    Pledge,
    Premises,
    Sticker,
    StickerBatch,
)
from tests import factories

_sequence = itertools.count(1)


def make_application(owner=None, *, days_ago: int = 3, version=None, **fields) -> Premises:
    submitted = datetime.now(timezone.utc) - timedelta(days=days_ago)
    premises = factories.make_premises(owner=owner, status=ApplicationStatus.SUBMITTED, submitted_at=submitted, **fields)
    if version is not None:
        db.session.add(Pledge(premises_id=premises.id, standards_version_id=version.id, pledged_at=submitted))
        self_assessment = Assessment(premises_id=premises.id, kind=AssessmentKind.SELF,
                                     standards_version_id=version.id, completed_at=submitted)
        for standard in factories.standards_of(version):
            self_assessment.answers.append(AssessmentAnswer(standard_id=standard.id, answer=Answer.MET,
                                                            note=f"Self: {standard.code} in place"))
        db.session.add(self_assessment)
        db.session.commit()
    return premises


def make_certificate(premises: Premises, *, expires_on: date, status=CertificateStatus.ACTIVE) -> Certificate:
    n = next(_sequence)
    certificate = Certificate(premises_id=premises.id, number=f"SISI-2026-{n:05d}", public_code=f"TEST{n:04d}",
                              issued_on=expires_on - timedelta(days=365), expires_on=expires_on, status=status)
    db.session.add(certificate)
    db.session.commit()
    return certificate


def make_action(premises: Premises, *, due_on: date, description: str = "Put up the reporting poster", **fields) -> Action:
    action = Action(premises_id=premises.id, description=description, due_on=due_on, **fields)
    db.session.add(action)
    db.session.commit()
    return action


def make_finished_visit(premises: Premises, version, answers: dict[str, Answer], *, visit_date: date,
                        officer=None) -> Assessment:
    visit = Assessment(premises_id=premises.id, kind=AssessmentKind.AUDIT, standards_version_id=version.id,
                       officer_id=officer.id if officer else None, visit_date=visit_date,
                       completed_at=datetime.combine(visit_date, datetime.min.time(), tzinfo=timezone.utc),
                       outcome=Outcome.PASS)
    for standard in factories.standards_of(version):
        visit.answers.append(AssessmentAnswer(standard_id=standard.id, answer=answers.get(standard.code),
                                              note=f"Last time: {standard.code}", confirmed_at=visit.completed_at))
    db.session.add(visit)
    db.session.commit()
    return visit


def make_sticker(certificate: Certificate, *, serial: str = "1") -> Sticker:
    now = datetime.now(timezone.utc)
    batch = StickerBatch(kind=StickerPrint.SINGLE, printed_at=now, sticker_count=1)
    db.session.add(batch)
    db.session.flush()
    sticker = Sticker(certificate_id=certificate.id, serial=serial, batch_id=batch.id, printed_at=now,
                      status=StickerStatus.ON_DISPLAY)
    db.session.add(sticker)
    db.session.commit()
    return sticker
