"""The public page's own statement finds the premises' current certificate by the one rule,
state.current_certificate, whatever the premises' history."""

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scheme.domain.certificates import public_page_lookup
from scheme.domain.certificates.state import (
    CertificateState,
    certificate_state,
    current_certificate,
)
from scheme.enums import CertificateStatus
from tests import factories
from tests.factories_officer import make_certificate

TODAY = date(2026, 11, 29)

histories = st.lists(
    st.tuples(st.sampled_from(list(CertificateStatus)), st.integers(min_value=-3, max_value=3)),
    min_size=1, max_size=5,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(history=histories)
def test_the_lookup_finds_the_current_certificate_that_the_rule_names(app, history):
    premises = factories.make_premises()  # a premises of its own for each example
    certificates = [make_certificate(premises, expires_on=TODAY + timedelta(days=days), status=status)
                    for status, days in history]
    rule = current_certificate(certificates)
    for scanned in certificates:
        found = public_page_lookup.find(scanned.public_code, TODAY)
        assert found.certificate.id == scanned.id
        if certificate_state(scanned, TODAY) == CertificateState.VALID:
            assert found.current is None  # not looked for: the page says nothing about it
        else:
            assert (found.current.id if found.current else None) == (rule.id if rule else None)
            if rule is not None:
                assert (found.current.number, found.current.status, found.current.expires_on) == (
                    rule.number, rule.status, rule.expires_on)
