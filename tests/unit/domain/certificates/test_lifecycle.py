from datetime import date, datetime, timezone

import pytest

from scheme.domain.certificates.lifecycle import judge_eligibility
from scheme.enums import AssessmentKind, Outcome
from scheme.models import Assessment


def _audit(outcome: Outcome | None) -> Assessment:
    return Assessment(kind=AssessmentKind.AUDIT, outcome=outcome, visit_date=date(2026, 11, 20),
                      completed_at=datetime(2026, 11, 20, 12, tzinfo=timezone.utc))


@pytest.mark.parametrize(("outcome", "eligible"), [
    (Outcome.PASS, True), (Outcome.PASS_WITH_ACTIONS, True), (Outcome.FAIL, False)])
def test_the_latest_audit_must_have_passed(outcome, eligible):
    result = judge_eligibility(is_member=True, audit=_audit(outcome), overdue=0, trained=True)
    assert result.eligible is eligible


@pytest.mark.parametrize(("facts", "unmet"), [
    (dict(is_member=False), ["member"]),
    (dict(audit=None), ["audit"]),
    (dict(overdue=1), ["actions"]),
    (dict(trained=False), ["training"]),
    (dict(is_member=False, overdue=2, trained=False), ["member", "actions", "training"]),
])
def test_each_condition_is_reported_when_not_met(facts, unmet):
    given = dict(is_member=True, audit=_audit(Outcome.PASS), overdue=0, trained=True) | facts
    result = judge_eligibility(**given)
    assert [condition.key for condition in result.unmet] == unmet
    assert not result.eligible
    assert [c.key for c in result.conditions] == ["member", "audit", "actions", "training"]


@pytest.mark.parametrize(("today", "open_"), [
    (date(2027, 1, 10), False),  # 61 days before the last valid day
    (date(2027, 1, 11), True),   # exactly 60 days before: the window opens
    (date(2027, 3, 12), True),   # the last valid day
])
def test_renewal_opens_the_window_before_expiry(today, open_):
    from scheme.domain.certificates.lifecycle import can_renew
    from scheme.enums import CertificateStatus
    from scheme.models import Certificate

    certificate = Certificate(status=CertificateStatus.ACTIVE, issued_on=date(2026, 3, 13), expires_on=date(2027, 3, 12))
    assert can_renew(certificate, today, 60) is open_
    certificate.status = CertificateStatus.SUSPENDED
    assert can_renew(certificate, today, 60) is False
