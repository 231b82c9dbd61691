"""Property: adding a valid record never lowers compliance."""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from scheme.domain.training import ModuleFacts, RecordFacts, StaffFacts, evaluate

ON = date(2026, 6, 15)
ROLES = ["reception", "night_manager", "driver", "bar_staff", "kitchen", "manager", "other"]

days = st.integers(min_value=-400, max_value=400)


@st.composite
def scenarios(draw):
    modules = [
        ModuleFacts(module_id, f"Module {module_id}", frozenset(draw(st.sets(st.sampled_from(ROLES)))),
                    draw(st.booleans()))
        for module_id in range(1, draw(st.integers(1, 4)) + 1)
    ]
    staff = []
    for staff_id in range(1, draw(st.integers(0, 8)) + 1):
        started = ON + timedelta(days=draw(st.integers(-800, 30)))
        left = draw(st.none() | days.map(lambda n: ON + timedelta(days=n)))
        staff.append(StaffFacts(staff_id, f"Person {staff_id}", draw(st.sampled_from(ROLES)), draw(st.booleans()),
                                draw(st.none() | st.just(started)), left))
    records = []
    if staff:
        for _ in range(draw(st.integers(0, 15))):
            completed = ON + timedelta(days=draw(days))
            records.append(RecordFacts(
                draw(st.sampled_from(staff)).id, draw(st.sampled_from(modules)).id, completed,
                draw(st.none() | st.integers(0, 800).map(lambda n: completed + timedelta(days=n))),
                draw(st.booleans()),
            ))
    return modules, staff, records


def run(modules, staff, records, share, grace):
    return evaluate(staff, modules, records, required_share=share, grace_weeks=grace, on=ON)


@settings(max_examples=300, deadline=None)
@given(scenarios(), st.integers(0, 100), st.integers(0, 8), st.data())
def test_adding_a_valid_record_never_lowers_compliance(scenario, share, grace, data):
    modules, staff, records = scenario
    if not staff:
        return
    before = run(modules, staff, records, share, grace)
    completed = ON - timedelta(days=data.draw(st.integers(0, 300)))
    expires = data.draw(st.none() | st.integers(0, 400).map(lambda n: ON + timedelta(days=n)))
    added = RecordFacts(data.draw(st.sampled_from(staff)).id, data.draw(st.sampled_from(modules)).id, completed, expires)
    assert added.valid_on(ON)
    after = run(modules, staff, records + [added], share, grace)

    assert after.compliant >= before.compliant
    assert after.lead_ok >= before.lead_ok
    assert after.trained_staff >= before.trained_staff
    assert after.active_trained >= before.active_trained
    assert after.trained_percent >= before.trained_percent
    assert len(after.missing) <= len(before.missing)


@settings(max_examples=200, deadline=None)
@given(scenarios(), st.integers(0, 100), st.integers(0, 8))
def test_counts_are_consistent(scenario, share, grace):
    modules, staff, records = scenario
    result = run(modules, staff, records, share, grace)
    assert 0 <= result.trained_staff <= result.counted_staff <= result.active_staff
    assert result.active_trained <= result.active_staff
    assert result.compliant == (result.lead_ok and result.trained_staff * 100 >= share * result.counted_staff)
