"""Who is on a premises' staff on a day: the rule (training.rule.is_active) and its SQL twin
(training.staff.active_clause) agree, on generated start and leaving dates."""

from hypothesis import given
from hypothesis import strategies as st

from scheme.domain.training.rule import is_active
from scheme.domain.training.staff import active_clause
from scheme.enums import JobRole
from scheme.extensions import db
from scheme.models import StaffMember
from tests.integration.agreement import (
    TODAY,
    add_premises,
    agreement,
    days_around,
    rolled_back,
)

maybe_day = st.none() | days_around(TODAY)


@agreement
@given(st.lists(st.tuples(maybe_day, maybe_day), min_size=1, max_size=8), days_around(TODAY))
def test_the_sql_active_clause_agrees_with_the_rule(app, dates, on):
    with rolled_back():
        premises = add_premises()
        db.session.add_all(StaffMember(premises_id=premises.id, name=f"Person {n}", job_role=JobRole.RECEPTION,
                                       started_on=started_on, left_on=left_on)
                           for n, (started_on, left_on) in enumerate(dates))
        db.session.flush()
        everyone = db.session.scalars(db.select(StaffMember)).all()
        in_sql = set(db.session.scalars(db.select(StaffMember.id).where(active_clause(on))))
        assert in_sql == {person.id for person in everyone if is_active(person, on)}

