"""The register's SQL (who is listed: entries._accredited, with readiness_rule's
pending_checks_clause) agrees with the statuses it gives in Python (public_status of the
current certificate, with pending_checks_on), on generated premises."""

from datetime import timedelta

from hypothesis import given
from hypothesis import strategies as st

from scheme.domain.certificates.state import certificate_state, current_certificate
from scheme.domain.premises.readiness_rule import pending_checks_on
from scheme.domain.register import entries
from scheme.domain.register.status import PublicStatus, public_status
from scheme.enums import CertificateStatus
from scheme.extensions import db
from scheme.models import Certificate
from tests.integration.agreement import TODAY, add_premises, agreement, days_around, rolled_back

premises_made = st.lists(
    st.tuples(st.none() | days_around(TODAY),
              st.lists(st.tuples(st.sampled_from(CertificateStatus), days_around(TODAY)), max_size=3)),
    min_size=1, max_size=5)


@agreement
@given(premises_made, days_around(TODAY))
def test_listed_exactly_when_the_current_certificate_counts(app, made, today):
    with rolled_back():
        expected = set()
        n = 0
        for index, (suspended_from, certificates) in enumerate(made):
            premises = add_premises(name=f"Agreement {index}", public_id=f"AGREE{index}", suspended_from=suspended_from)
            rows = []
            for status, expires_on in certificates:
                n += 1
                rows.append(Certificate(premises_id=premises.id, number=f"SISI-2026-{n:05d}", public_code=f"LIST{n:04d}",
                                        issued_on=expires_on - timedelta(days=365), expires_on=expires_on,
                                        status=status))
            db.session.add_all(rows)
            db.session.flush()
            current = current_certificate(rows)
            if current is not None and public_status(certificate_state(current, today),
                                                     pending_checks_on(suspended_from, today)).accredited:
                expected.add(premises.public_id)
        found, more = entries.accredited_after(entries.Filters(), today, None, 100)
        assert {entry.public_id for entry in found} == expected and not more
        assert all(entry.status == PublicStatus.ACCREDITED for entry in found)
        for index, _ in enumerate(made):
            entry = entries.by_public_id(f"AGREE{index}", today)
            assert entry is None or (entry.status == PublicStatus.ACCREDITED) == (f"AGREE{index}" in expected)
