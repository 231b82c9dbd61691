"""A service is one transaction: a failure in the middle of one leaves nothing half-done.

The failure is injected at the service's last step (its audit-log entry), after it has
allocated a number, written rows and changed others, as a database error or a crash there would.
"""

from datetime import date

import pytest
import sqlalchemy as sa

from scheme.domain import audit_log, settings
from scheme.domain.certificates import lifecycle
from scheme.domain.visits import audits
from scheme.enums import Answer, ApplicationStatus, Role
from scheme.extensions import db
from scheme.models import Action, Assessment, AuditLogEntry, Certificate, CertificateCounter, Premises
from tests import factories
from tests.integration.certificates.conftest import BASE_URL, TODAY, make_eligible_premises


class Injected(RuntimeError):
    pass


def _count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def _snapshot(premises_id: int) -> dict:
    db.session.expire_all()
    premises = db.session.get(Premises, premises_id)
    return {
        "certificates": _count(Certificate), "counters": db.session.execute(
            sa.select(CertificateCounter.year, CertificateCounter.last_value).order_by(CertificateCounter.year)).all(),
        "audit entries": _count(AuditLogEntry), "actions": _count(Action),
        "visits finished": db.session.scalar(sa.select(sa.func.count()).select_from(Assessment)
                                             .where(Assessment.completed_at.is_not(None))),
        "next visit due": premises.next_visit_due_on,
    }


def test_a_failure_while_issuing_a_certificate_leaves_no_certificate_and_no_number_taken(app, business_user):
    premises = make_eligible_premises(business_user)
    officer = factories.make_user(Role.OFFICER)
    before = _snapshot(premises.id)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(audit_log, "record", _fail_after_flush)
        with pytest.raises(Injected):
            lifecycle.issue_certificate(premises.id, actor=officer, today=TODAY, base_url=BASE_URL)
    assert _snapshot(premises.id) == before

    # The same call without the failure issues the first number of the year: none was used up.
    certificate = lifecycle.issue_certificate(premises.id, actor=officer, today=TODAY, base_url=BASE_URL)
    assert certificate.number == f"SISI-{TODAY.year}-00001"
    assert _snapshot(premises.id)["certificates"] == before["certificates"] + 1


def test_a_failure_while_finishing_a_visit_leaves_it_open_with_no_actions(app):
    factories.make_standards_version(codes=("S1", "S2"))
    officer = factories.make_user(Role.OFFICER)
    premises = factories.make_premises(owner=factories.make_user(), status=ApplicationStatus.MEMBER)
    visit = audits.start_visit(officer, premises.id, date(2026, 3, 2))
    for row in audits.checklist(visit):
        audits.save_answer(officer, visit.id, row.standard_id, answer=Answer.NOT_MET, note="Not seen",
                           based_on_revision=1)
    before = _snapshot(premises.id)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(audit_log, "record", _fail_after_flush)
        with pytest.raises(Injected):
            audits.finish_visit(officer, visit.id, settings.load())
    assert _snapshot(premises.id) == before
    assert audits.get_visit(visit.id).outcome is None

    audits.finish_visit(officer, visit.id, settings.load())
    after = _snapshot(premises.id)
    assert after["actions"] == before["actions"] + 2 and after["visits finished"] == before["visits finished"] + 1


def _fail_after_flush(*args, **kwargs):
    db.session.flush()  # everything the service did so far has reached the database
    raise Injected("the database went away mid-way")
