"""Training compliance: the rule in Python (training.rule.evaluate, through
compliance_by_premises), its SQL twin over the whole scheme, and what readiness keeps on each
premises and member of staff (the lapsed-training queue and the staff-trained figure) agree, on
generated staff, records, modules and settings."""

from datetime import timedelta

from hypothesis import given
from hypothesis import strategies as st

from scheme.domain import settings
from scheme.domain.premises import readiness
from scheme.domain.premises.work_queues import queue_named
from scheme.domain.training import (
    compliance_by_premises,
    kept_trained_staff_figures,
    non_compliant_premises,
    trained_staff_figures,
)
from scheme.domain.training.compliance import kept_staff_figures_by_premises, staff_figures_by_premises
from scheme.enums import ApplicationStatus, JobRole, Role, TrainingEvidence
from scheme.extensions import db
from scheme.models import StaffMember, TrainingModule, TrainingRecord, User
from tests.integration.agreement import TODAY, add_premises, agreement, days_around, rolled_back

ROLES = [JobRole.RECEPTION, JobRole.MANAGER, JobRole.DRIVER]
maybe_day = st.none() | st.integers(-60, 60).map(lambda n: TODAY + timedelta(days=n))
record = st.tuples(st.integers(0, 1), days_around(spread=40), st.none() | days_around(spread=40),
                   st.sampled_from(TrainingEvidence), st.booleans())
person = st.tuples(st.sampled_from(ROLES), st.booleans(), maybe_day, maybe_day, st.lists(record, max_size=3))
premises_staff = st.lists(st.tuples(st.sampled_from([ApplicationStatus.MEMBER, ApplicationStatus.SUBMITTED]),
                                    st.lists(person, max_size=4)), min_size=1, max_size=4)
module_roles = st.lists(st.lists(st.sampled_from([r.value for r in ROLES]), max_size=2, unique=True),
                        min_size=1, max_size=2)


@agreement
@given(premises_staff, module_roles, st.sampled_from([50, 100]), st.sampled_from([0, 4]), days_around())
def test_the_sql_lapsed_queue_and_figures_agree_with_the_rule(app, everyone, roles_of_modules, share, grace, on):
    with rolled_back():
        settings.save(required_trained_share=share, grace_period_weeks=grace)
        modules = []
        for n, roles in enumerate(roles_of_modules):
            module = TrainingModule(title=f"Module {n}", provider="Scheme", validity_months=12, required_roles=roles)
            db.session.add(module)
            modules.append(module)
        approver = User(email="approver@example.com", name="Approver", password_hash="x", role=Role.OFFICER)
        db.session.add(approver)
        db.session.flush()
        members = []
        for n, (status, people) in enumerate(everyone):
            premises = add_premises(name=f"Premises {n}", status=status)
            if status == ApplicationStatus.MEMBER:
                members.append(premises.id)
            for m, (role, lead, started, left, records) in enumerate(people):
                staff = StaffMember(premises_id=premises.id, name=f"Person {m}", job_role=role,
                                    is_safeguarding_lead=lead, started_on=started, left_on=left)
                db.session.add(staff)
                db.session.flush()
                for module_index, completed, expires, evidence, approved in records:
                    module = modules[min(module_index, len(modules) - 1)]
                    db.session.add(TrainingRecord(staff_member_id=staff.id, module_id=module.id,
                                                  completed_on=completed, expires_on=expires, evidence=evidence,
                                                  approved_by_id=approver.id if approved else None))
        db.session.flush()

        by_rule = compliance_by_premises(members, on)
        lapsed = {item.premises_id: item for item in non_compliant_premises(on)}
        assert set(lapsed) == {premises_id for premises_id, result in by_rule.items() if not result.compliant}
        for premises_id, item in lapsed.items():
            result = by_rule[premises_id]
            assert (item.trained_staff, item.counted_staff) == (result.trained_staff, result.counted_staff)
            assert (item.has_lead, item.lead_ok) == (result.has_lead, result.lead_ok)
        assert trained_staff_figures(on) == (sum(r.active_trained for r in by_rule.values()),
                                             sum(r.active_staff for r in by_rule.values()))
        # Per premises, as the scheme's figures add them up by area and type.
        assert staff_figures_by_premises(on) == {premises_id: (r.active_trained, r.active_staff)
                                                 for premises_id, r in by_rule.items() if r.active_staff}

        # What readiness keeps, written on the day, answers the same for the queue and the figure.
        readiness.refresh(members, on)
        queue = queue_named("training", on)
        assert queue.count == len(lapsed)
        assert {item.premises_id: (item.trained_staff, item.counted_staff, item.has_lead, item.lead_ok)
                for item in queue.items} == {
            premises_id: (item.trained_staff, item.counted_staff, item.has_lead, item.lead_ok)
            for premises_id, item in lapsed.items()}
        assert kept_trained_staff_figures(on) == trained_staff_figures(on)
        assert kept_staff_figures_by_premises(on) == staff_figures_by_premises(on)
