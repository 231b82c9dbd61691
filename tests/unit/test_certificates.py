from datetime import date, datetime, timezone

import pytest

from scheme.domain.certificates.codes import (
    CODE_ALPHABET,
    format_number,
    new_public_code,
    normalise_code,
)
from scheme.domain.certificates.lifecycle import judge_eligibility
from scheme.domain.reporting_routes import Route, ordered_for
from scheme.enums import AssessmentKind, Outcome
from scheme.models import Assessment


def test_public_codes_are_8_crockford_characters_and_differ():
    codes = {new_public_code() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(len(code) == 8 and set(code) <= set(CODE_ALPHABET) for code in codes)
    assert len(CODE_ALPHABET) ** 8 >= 2 ** 40


@pytest.mark.parametrize(("typed", "expected"), [
    ("ABCD1234", "ABCD1234"),
    ("abcd1234", "ABCD1234"),
    ("ABCD-1234", "ABCD1234"),
    (" abcd 1234 ", "ABCD1234"),
    ("OBCD1234", "0BCD1234"),  # O typed for zero
    ("ABCDI23L", "ABCD1231"),  # I and L typed for one
    ("ABCD123", None),
    ("ABCD12345", None),
    ("ABCDU234", None),  # U is not in the alphabet
    ("ABCD!234", None),
    ("A" * 1000, None),
])
def test_typed_codes_are_normalised_or_refused(typed, expected):
    assert normalise_code(typed) == expected


def test_numbers_are_padded_per_year():
    assert format_number(2026, 42) == "SISI-2026-00042"


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


def _route(label, kind="phone", value="101", emergency=False, types=()):
    return Route(label, kind, value, "", emergency, tuple(types))


def test_routes_put_the_emergency_number_first_then_those_for_the_premises_type():
    routes = (_route("Police", value="101"), _route("BTP", value="0800 405040", types=["transport"]),
              _route("999", value="999", emergency=True), _route("Crimestoppers", value="0800 555 111"))
    assert [r.label for r in ordered_for(routes, "transport")] == ["999", "BTP", "Police", "Crimestoppers"]
    assert [r.label for r in ordered_for(routes, "pub")] == ["999", "Police", "BTP", "Crimestoppers"]


@pytest.mark.parametrize(("kind", "value", "href"), [
    ("phone", "0800 405040", "tel:0800405040"),
    ("text", "61016", "sms:61016"),
    ("web", "https://crimestoppers-uk.org", "https://crimestoppers-uk.org"),
])
def test_routes_link_to_call_text_or_visit(kind, value, href):
    assert _route("x", kind=kind, value=value).href == href


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
