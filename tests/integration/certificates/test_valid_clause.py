"""The SQL form of "this certificate is valid today" (state.valid_clause) agrees with the rule
in Python (state.certificate_state), on generated certificates and at the edges of a real
certificate's life."""

from datetime import timedelta

from hypothesis import given
from hypothesis import strategies as st

from scheme.domain.certificates import lifecycle
from scheme.domain.certificates.state import (
    CertificateState,
    certificate_state,
    valid_clause,
)
from scheme.enums import CertificateStatus
from scheme.extensions import db
from scheme.models import Certificate
from tests.integration.agreement import (
    add_premises,
    agreement,
    days_around,
    rolled_back,
)
from tests.integration.certificates.conftest import TODAY, issue, make_eligible_premises

certificates = st.lists(st.tuples(st.sampled_from(CertificateStatus), days_around(TODAY)), min_size=1, max_size=8)


@agreement
@given(certificates, days_around(TODAY))
def test_the_sql_valid_clause_agrees_with_certificate_state_on_any_certificates(app, made, today):
    with rolled_back():
        premises = add_premises()
        for n, (status, expires_on) in enumerate(made):
            db.session.add(Certificate(premises_id=premises.id, number=f"SISI-2026-{n:05d}", public_code=f"VALID{n:04d}",
                                       issued_on=expires_on - timedelta(days=365), expires_on=expires_on, status=status))
        db.session.flush()
        everything = db.session.scalars(db.select(Certificate)).all()
        in_sql = set(db.session.scalars(db.select(Certificate.id).where(valid_clause(Certificate, today))))
        in_python = {c.id for c in everything if certificate_state(c, today) == CertificateState.VALID}
        assert in_sql == in_python


def test_the_sql_valid_clause_agrees_with_certificate_state(app, officer):
    made = [issue(make_eligible_premises(on=TODAY), on=TODAY) for _ in range(4)]
    lifecycle.suspend_certificate(made[1].id, actor=officer, reason="Failed a test visit.", today=TODAY)
    lifecycle.revoke_certificate(made[2].id, actor=officer, reason="Closed by the police.")
    old = made[3]
    renewed = lifecycle.renew_certificate(old.id, actor=officer, today=old.expires_on - timedelta(days=10),
                                             base_url="http://scheme.test")
    everything = db.session.scalars(db.select(Certificate)).all()
    expires_on = made[0].expires_on
    valid_on = {}
    for today in (TODAY, expires_on - timedelta(days=1), expires_on, expires_on + timedelta(days=1)):
        in_sql = set(db.session.scalars(db.select(Certificate.id).where(valid_clause(Certificate, today))))
        in_python = {c.id for c in everything if certificate_state(c, today) == CertificateState.VALID}
        assert in_sql == in_python, today
        valid_on[today] = in_sql
    # The edges were really crossed: valid on its last day and not the day after; the
    # suspended, revoked and replaced ones never; the renewal beyond the old one's expiry.
    assert made[0].id in valid_on[expires_on] and made[0].id not in valid_on[expires_on + timedelta(days=1)]
    assert not {made[1].id, made[2].id, made[3].id} & set().union(*valid_on.values())
    assert renewed.id in valid_on[expires_on + timedelta(days=1)]
