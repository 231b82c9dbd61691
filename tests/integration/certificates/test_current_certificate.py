"""A premises' current certificate: the rule in Python (state.current_certificate) and its SQL
twins (state.current_certificate_ids, through lists.current_certificates, for many premises;
state.current_certificate_of, for one; state.is_current_certificate, a join condition) pick the
same one."""

import sqlalchemy as sa
from hypothesis import given
from hypothesis import strategies as st

from scheme.domain.certificates.lists import current_certificates
from scheme.domain.certificates.state import (
    current_certificate,
    current_certificate_ids,
    current_certificate_of,
    is_current_certificate,
)
from scheme.enums import CertificateStatus
from scheme.extensions import db
from scheme.models import Certificate, Premises
from tests.integration.agreement import TODAY, add_premises, agreement, rolled_back

# Each premises gets a list of certificate statuses; the certificates are inserted in a
# shuffled order, so that which one has the highest id does not follow from the premises.
premises_certificates = st.lists(st.lists(st.sampled_from(CertificateStatus), max_size=5), min_size=1, max_size=4)


def _insert(statuses_per_premises, order) -> list[Premises]:
    premises = [add_premises(name=f"Premises {n}") for n in range(len(statuses_per_premises))]
    certificates = [(p, status) for p, statuses in zip(premises, statuses_per_premises) for status in statuses]
    for n, (p, status) in enumerate(order(certificates)):
        db.session.add(Certificate(premises_id=p.id, number=f"SISI-2026-{n:05d}", public_code=f"AGREE{n:04d}",
                                   issued_on=TODAY, expires_on=TODAY, status=status))
        db.session.flush()  # one at a time, so ids follow the shuffled order
    return premises


@agreement
@given(premises_certificates, st.randoms(use_true_random=False))
def test_the_sql_current_certificate_agrees_with_the_rule(app, statuses_per_premises, random):
    with rolled_back():
        premises = _insert(statuses_per_premises, lambda items: random.sample(items, len(items)))
        everything = db.session.scalars(db.select(Certificate)).all()
        in_python = {p.id: current_certificate([c for c in everything if c.premises_id == p.id]) for p in premises}
        in_python = {premises_id: c.id for premises_id, c in in_python.items() if c is not None}

        in_sql = {premises_id: c.id for premises_id, c in current_certificates([p.id for p in premises]).items()}
        assert in_sql == in_python
        assert set(db.session.scalars(current_certificate_ids())) == set(in_python.values())
        for p in premises:
            one = db.session.scalar(current_certificate_of(p.id).with_only_columns(Certificate.id))
            assert one == in_python.get(p.id)
        current = sa.orm.aliased(Certificate)
        joined = db.session.execute(
            sa.select(Premises.id, current.id).outerjoin(current, is_current_certificate(current, Premises.id))
            .where(Premises.id.in_([p.id for p in premises]))
        ).all()
        assert sorted(map(tuple, joined)) == sorted((p.id, in_python.get(p.id)) for p in premises)  # one row each


def test_the_current_certificate_is_the_latest_not_superseded(app):
    # The rule itself, pinned on one premises, so that both sides cannot drift together.
    with rolled_back():
        statuses = [CertificateStatus.ACTIVE, CertificateStatus.REVOKED, CertificateStatus.SUPERSEDED]
        (premises,) = _insert([statuses], lambda items: items)
        revoked = db.session.scalar(db.select(Certificate.id).where(Certificate.status == CertificateStatus.REVOKED))
        assert current_certificates([premises.id])[premises.id].id == revoked
