"""Compliance from the database, and the lapsed-training queue's cost as the scheme grows."""

from contextlib import contextmanager
from datetime import date, timedelta

import sqlalchemy as sa

from scheme.domain import settings
from scheme.domain.training import (
    compliance_for,
    non_compliant_premises,
    trained_staff_figures,
)
from scheme.enums import ApplicationStatus, JobRole
from scheme.extensions import db
from tests import factories
from tests.factories_training import make_record, make_team

ON = date(2026, 6, 15)


@contextmanager
def counting_queries():
    statements = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", count)


def test_compliance_for_one_premises(app):
    module = factories.make_module(required_roles=["reception"])
    premises = factories.make_premises(status=ApplicationStatus.MEMBER)
    lead = factories.make_staff(premises, name="Lee", job_role=JobRole.MANAGER, is_safeguarding_lead=True)
    clerk = factories.make_staff(premises, name="Cat", job_role=JobRole.RECEPTION)
    make_record(lead, module, completed_on=ON - timedelta(days=10), expires_on=ON + timedelta(days=20))
    result = compliance_for(premises.id, ON)
    assert not result.compliant and result.lead_ok
    assert [item.text for item in result.missing] == [f"Cat: has not done {module.title}"]

    make_record(clerk, module, completed_on=ON, expires_on=None)
    result = compliance_for(premises.id, ON)
    assert result.compliant
    assert [item.staff_name for item in result.lapsing(30)] == ["Lee"]


def test_required_share_comes_from_the_scheme_settings(app):
    module = factories.make_module(required_roles=["reception"])
    premises = make_team([module], on=ON, size=4)
    factories.make_staff(premises, job_role=JobRole.RECEPTION, started_on=ON - timedelta(days=100))
    assert not compliance_for(premises.id, ON).compliant
    settings.save(required_trained_share=80)
    db.session.commit()
    result = compliance_for(premises.id, ON)
    assert result.required_share == 80 and result.compliant


def test_queue_lists_only_non_compliant_member_premises(app):
    module = factories.make_module()
    make_team([module], on=ON, name="Aye Hotel")
    make_team([module], on=ON, trained=False, name="Bee Cafe")
    make_team([module], on=ON, trained=False, name="Sea Draft", status=ApplicationStatus.DRAFT)
    factories.make_premises(status=ApplicationStatus.MEMBER, name="Dee Taxis")  # no staff, so no lead
    assert [item.name for item in non_compliant_premises(ON)] == ["Bee Cafe", "Dee Taxis"]
    assert trained_staff_figures(ON) == (3, 6)


def _queue_queries(modules, premises_count: int, staff_per_premises: int) -> tuple[int, int]:
    for n in range(premises_count):
        make_team(modules, on=ON, size=staff_per_premises, trained=n % 2 == 0)
    with counting_queries() as statements:
        queue = non_compliant_premises(ON)
    return len(statements), len(queue)


def test_queue_query_count_does_not_grow_with_premises_or_staff(app):
    modules = [factories.make_module(), factories.make_module(required_roles=["manager"])]
    small_queries, small_queue = _queue_queries(modules, 3, 2)
    assert small_queue == 1
    large_queries, large_queue = _queue_queries(modules, 30, 8)
    assert large_queue == 1 + 15
    assert large_queries == small_queries
    assert small_queries <= 6  # the test's savepoint, premises, settings, modules, staff, records
