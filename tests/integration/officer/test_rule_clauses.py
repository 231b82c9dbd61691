"""The actions' and visits' rules in Python agree with their SQL twins, on generated data:
open, outstanding and overdue actions (visits.actions), visits due (visits.schedule)."""

from hypothesis import given
from hypothesis import strategies as st

from scheme.domain.visits.actions import (
    is_open,
    is_outstanding,
    is_overdue,
    open_clause,
    outstanding_clause,
    overdue_clause,
)
from scheme.domain.visits.schedule import visit_due, visit_due_clause
from scheme.enums import ActionStatus
from scheme.extensions import db
from scheme.models import Action, Premises
from tests.integration.agreement import (
    TODAY,
    add_premises,
    agreement,
    days_around,
    rolled_back,
)


@agreement
@given(st.lists(st.tuples(st.sampled_from(ActionStatus), days_around(TODAY)), min_size=1, max_size=8),
       days_around(TODAY))
def test_the_action_clauses_agree_with_the_rules(app, made, today):
    with rolled_back():
        premises = add_premises()
        db.session.add_all(Action(premises_id=premises.id, description=f"Action {n}", due_on=due_on, status=status)
                           for n, (status, due_on) in enumerate(made))
        db.session.flush()
        actions = db.session.scalars(db.select(Action)).all()

        def in_sql(clause):
            return set(db.session.scalars(db.select(Action.id).where(clause)))

        assert in_sql(open_clause()) == {a.id for a in actions if is_open(a.status)}
        assert in_sql(outstanding_clause()) == {a.id for a in actions if is_outstanding(a.status)}
        assert in_sql(overdue_clause(today)) == {a.id for a in actions if is_overdue(a.status, a.due_on, today)}


@agreement
@given(st.lists(st.none() | days_around(TODAY, spread=40), min_size=1, max_size=8), days_around(TODAY))
def test_the_visit_due_clause_agrees_with_the_rule(app, due_dates, today):
    with rolled_back():
        made = [add_premises(next_visit_due_on=due_on) for due_on in due_dates]
        in_sql = set(db.session.scalars(db.select(Premises.id).where(visit_due_clause(today))))
        assert in_sql == {p.id for p in made if visit_due(p.next_visit_due_on, today)}
