"""The readiness kept on the premises always equals the rule worked out from scratch, across
random sequences of writes (through the services, as the pages make them) and days passing,
on the database the suite runs on (SQLite, or PostgreSQL with TEST_DATABASE_URL).

The test keeps its own account of what it wrote (staff, training, actions, test visits, holds)
as plain facts, and asks the pure rule (readiness_rule.next_stored) what should be kept after
each write; the premises must hold exactly that, and the public page must say "suspended
pending checks" on exactly the days the rule says.
"""

from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from scheme.domain import clock
from scheme.domain import settings as scheme_settings
from scheme.domain.certificates import public_page
from scheme.domain.dates import training_expiry
from scheme.domain.premises import readiness
from scheme.domain.premises.readiness_rule import (
    NEVER,
    ActionFacts,
    Override,
    ReadinessFacts,
    Stored,
    next_stored,
)
from scheme.domain.training import ModuleFacts, RecordFacts, StaffFacts, records, staff
from scheme.domain.visits import actions as action_rules
from scheme.domain.visits import covert
from scheme.enums import JobRole, Role, TrainingEvidence
from scheme.extensions import db
from scheme.models import Premises, TrainingModule
from tests import factories
from tests.factories_officer import make_action
from tests.integration.agreement import agreement
from tests.integration.certificates.conftest import issue, make_eligible_premises

START = date(2026, 3, 2)

operations = st.one_of(
    st.tuples(st.just("days"), st.integers(1, 25)),
    st.tuples(st.just("starter"), st.integers(-120, 3), st.sampled_from([JobRole.RECEPTION, JobRole.KITCHEN])),
    st.tuples(st.just("train"), st.integers(0, 9), st.integers(-380, 0)),
    st.tuples(st.just("leaves"), st.integers(0, 9), st.integers(-10, 10)),
    st.tuples(st.just("action"), st.integers(-5, 20)),
    st.tuples(st.just("action_done"), st.integers(0, 9)),
    st.tuples(st.just("test_visit"), st.booleans()),
    st.tuples(st.just("review"),),
    st.tuples(st.just("hold"), st.integers(0, 30)),
    st.tuples(st.just("end_hold"),),
)


@dataclass
class Model:
    """What the test wrote, as the rule's plain facts."""

    modules: tuple[ModuleFacts, ...]
    required_share: int
    grace_weeks: int
    staff: list[StaffFacts] = field(default_factory=list)
    records: list[RecordFacts] = field(default_factory=list)
    actions: dict[int, ActionFacts] = field(default_factory=dict)
    failed_visit: tuple[int, date] | None = None
    override: Override | None = None

    def facts(self) -> ReadinessFacts:
        return ReadinessFacts(tuple(self.staff), self.modules, tuple(self.records), self.required_share,
                              self.grace_weeks, tuple(self.actions.values()),
                              self.failed_visit[1] if self.failed_visit else None, self.override)


def _kept(premises_id: int) -> Stored:
    db.session.expire_all()
    row = db.session.get(Premises, premises_id)
    return Stored(row.ready_until, row.suspended_from)


def _set_up(today: date):
    owner = factories.make_user(Role.BUSINESS)
    officer = factories.make_user(Role.OFFICER)
    premises = make_eligible_premises(owner, on=today, name="Agreement Arms")
    certificate = issue(premises, on=today, actor=officer)
    modules = db.session.scalars(db.select(TrainingModule).where(TrainingModule.active.is_(True))
                                 .order_by(TrainingModule.id)).all()
    loaded = scheme_settings.load()
    model = Model(tuple(ModuleFacts(m.id, m.title, frozenset(m.required_roles or ()), m.active) for m in modules),
                  loaded.required_trained_share, loaded.grace_period_weeks)
    for person in staff.staff_of(premises.id):
        model.staff.append(StaffFacts(person.id, person.name, str(person.job_role), person.is_safeguarding_lead,
                                      person.started_on, person.left_on))
        for record in db.session.scalars(db.select(records.TrainingRecord).where(
                records.TrainingRecord.staff_member_id == person.id)):
            model.records.append(RecordFacts(person.id, record.module_id, record.completed_on, record.expires_on))
    return owner, officer, premises, certificate, model


def _apply(operation, today, owner, officer, premises, model: Model, modules) -> bool:
    """Make the write through the services and record it in the model; False when the
    operation does not apply (and so writes nothing)."""
    kind = operation[0]
    if kind == "starter":
        _, offset, role = operation
        person = staff.add_staff(owner, premises.id, staff.StaffDetails(f"Starter {len(model.staff)}", role,
                                                                        today + timedelta(days=offset)))
        model.staff.append(StaffFacts(person.id, person.name, str(role), False, person.started_on))
    elif kind == "train":
        _, index, offset = operation
        if not model.staff:
            return False
        person = model.staff[index % len(model.staff)]
        completed = today + timedelta(days=offset)
        if person.left_on is not None and completed >= person.left_on:
            return False
        for module in modules:
            records.record_training(officer, person.id, records.RecordDetails(
                module.id, completed, TrainingEvidence.IMPORTED), today)
            model.records.append(RecordFacts(person.id, module.id, completed,
                                             training_expiry(completed, module.validity_months)))
    elif kind == "leaves":
        _, index, offset = operation
        leavers = [p for p in model.staff if not p.is_lead]
        if not leavers:
            return False
        person = leavers[index % len(leavers)]
        left_on = today + timedelta(days=offset)
        if person.started_on and left_on < person.started_on:
            return False
        staff.update_staff(owner, person.id, staff.StaffDetails(person.name, JobRole(person.job_role),
                                                                person.started_on, left_on))
        model.staff[model.staff.index(person)] = replace(person, left_on=left_on)
    elif kind == "action":
        action = make_action(premises, due_on=today + timedelta(days=operation[1]))
        model.actions[action.id] = ActionFacts(action.due_on, True, True)
    elif kind == "action_done":
        open_ids = [action_id for action_id, facts in model.actions.items() if facts.open]
        if not open_ids:
            return False
        action_id = open_ids[operation[1] % len(open_ids)]
        action_rules.mark_done(owner, action_id, "Done", None)
        model.actions[action_id] = replace(model.actions[action_id], open=False)
    elif kind == "test_visit":
        visit = covert.record_test_visit(officer, premises.id, scenario="Room for an adult and a teenager",
                                         visit_date=today, behaviours=["Asked for ID"])
        check = covert.get_test_visit(visit.id).checks[0]
        covert.record_results(officer, visit.id, {check.id: operation[1]}, "")
        model.failed_visit = None if operation[1] else (visit.id, today)
        if not operation[1]:
            # Its retraining action, due in 28 days, set with no standard: mandatory.
            for action in action_rules.actions_for_premises(premises.id):
                if action.id not in model.actions:
                    model.actions[action.id] = ActionFacts(action.due_on, True, True)
    elif kind == "review":
        if model.failed_visit is None:
            return False
        readiness.review_test_visit(officer, model.failed_visit[0], "Looked into it")
        model.failed_visit = None
    elif kind == "hold":
        until = today + timedelta(days=operation[1])
        readiness.hold_as_ready(officer, premises.id, reason="Training booked", today=today, until=until)
        model.override = Override(today, until)
    elif kind == "end_hold":
        if model.override is None:
            return False
        readiness.end_hold(officer, premises.id)
        model.override = None
    return True


@settings(agreement, max_examples=25)
@given(st.lists(operations, min_size=1, max_size=10))
def test_what_the_premises_keeps_always_equals_the_rule_from_scratch(app, sequence):
    today = START
    with clock.on(today):
        owner, officer, premises, certificate, model = _set_up(today)
    modules = db.session.scalars(db.select(TrainingModule).where(TrainingModule.active.is_(True))).all()
    grace_days = scheme_settings.load().readiness_grace_days
    expected = next_stored(NEVER, model.facts(), today, grace_days)
    assert _kept(premises.id) == expected
    for operation in sequence:
        if operation[0] == "days":
            today += timedelta(days=operation[1])
            verification, _routes = public_page.verify(certificate.public_code, today=today)
            assert verification.pending_checks == expected.suspended_on(today), (operation, today, expected)
            continue
        before = _kept(premises.id)
        with clock.on(today):
            if not _apply(operation, today, owner, officer, premises, model, modules):
                continue
        expected = next_stored(expected, model.facts(), today, grace_days)
        kept = _kept(premises.id)
        assert kept == expected, (operation, today)
        # And read back from the database from scratch, the same again.
        assert readiness.computed(premises.id, before, today) == kept
