"""The training-compliance rule at its edges, on plain data with dates passed in."""

from datetime import date, timedelta

import pytest

from scheme.domain.training import (
    HoldingState,
    ModuleFacts,
    RecordFacts,
    StaffFacts,
    evaluate,
)

ON = date(2026, 6, 15)
LONG_AGO = date(2020, 1, 1)
BRIEFING = ModuleFacts(1, "Spot the signs briefing", frozenset({"reception", "manager", "night_manager"}))
ONLINE = ModuleFacts(2, "Online safeguarding course", frozenset({"manager"}))
MODULES = [BRIEFING, ONLINE]


def lead(staff_id=1, **fields):
    return StaffFacts(staff_id, fields.pop("name", "Lee Lead"), fields.pop("job_role", "manager"), True,
                      fields.pop("started_on", LONG_AGO), **fields)


def person(staff_id, job_role="reception", **fields):
    return StaffFacts(staff_id, fields.pop("name", f"Person {staff_id}"), job_role, False,
                      fields.pop("started_on", LONG_AGO), **fields)


def valid(staff_id, module=BRIEFING, expires_on=ON + timedelta(days=200), completed_on=ON - timedelta(days=100)):
    return RecordFacts(staff_id, module.id, completed_on, expires_on)


def lead_records(staff_id=1, expires_on=ON + timedelta(days=200)):
    return [valid(staff_id, BRIEFING, expires_on), valid(staff_id, ONLINE, expires_on)]


def run(staff, records, share=100, grace_weeks=4, on=ON, modules=MODULES):
    return evaluate(staff, modules, records, required_share=share, grace_weeks=grace_weeks, on=on)


def test_trained_lead_and_staff_are_compliant():
    result = run([lead(), person(2)], lead_records() + [valid(2)])
    assert result.compliant and result.lead_ok
    assert (result.counted_staff, result.trained_staff) == (2, 2)
    assert result.missing == []


def test_no_lead_is_not_compliant():
    result = run([person(2)], [valid(2)])
    assert not result.compliant
    assert not result.has_lead
    assert "no safeguarding lead" in result.reasons[0]


def test_lead_who_has_left_is_no_lead():
    result = run([lead(left_on=ON), person(2)], lead_records() + [valid(2)])
    assert not result.has_lead and not result.compliant


def test_lead_untrained_in_one_module_is_not_compliant_even_with_share_met():
    # The lead needs every active module, even one their job role does not require.
    result = run([lead(job_role="reception"), person(2)], [valid(1, BRIEFING), valid(2)], share=50)
    assert result.has_lead and not result.lead_ok and not result.compliant
    assert [str(item) for item in result.missing] == ["Lee Lead (safeguarding lead): has not done Online safeguarding course"]


def test_lead_needs_no_inactive_module():
    retired = ModuleFacts(3, "Old module", frozenset({"reception"}), active=False)
    result = run([lead()], lead_records(), modules=MODULES + [retired])
    assert result.compliant


@pytest.mark.parametrize("expires_on, compliant", [
    (ON, True),  # expires today: still valid today
    (ON - timedelta(days=1), False),  # expired yesterday
    (None, True),  # never expires
])
def test_record_expiring_today_is_still_valid(expires_on, compliant):
    result = run([lead(), person(2)], lead_records() + [valid(2, expires_on=expires_on)])
    assert result.compliant is compliant


def test_expired_record_says_when_it_expired():
    result = run([lead(), person(2, name="Sam")], lead_records() + [valid(2, expires_on=date(2026, 6, 1))])
    assert [item.text for item in result.missing] == ["Sam: Spot the signs briefing expired on 1 June 2026"]
    assert result.missing[0].state is HoldingState.EXPIRED


def test_record_completed_after_the_date_does_not_count_yet():
    result = run([lead(), person(2)], lead_records() + [valid(2, completed_on=ON + timedelta(days=1))])
    assert not result.compliant


def test_record_completed_today_counts():
    result = run([lead(), person(2)], lead_records() + [valid(2, completed_on=ON)])
    assert result.compliant


@pytest.mark.parametrize("trained, staff, share, compliant", [
    (3, 4, 75, True),  # exactly at the threshold
    (2, 4, 75, False),  # one below
    (4, 4, 100, True),
    (3, 4, 100, False),
    (1, 4, 25, True),  # only the lead
    (1, 4, 26, False),
    (2, 3, 67, False),  # 66.6% is below 67%
    (2, 3, 66, True),
])
def test_required_share_at_the_threshold(trained, staff, share, compliant):
    # The lead is one of the counted staff, trained in everything.
    people = [lead()] + [person(n) for n in range(2, staff + 1)]
    records = lead_records() + [valid(n) for n in range(2, trained + 1)]
    result = run(people, records, share=share)
    assert (result.trained_staff, result.counted_staff) == (trained, staff)
    assert result.compliant is compliant


@pytest.mark.parametrize("started_days_ago, counted", [
    (27, False),  # grace period still running
    (28, True),  # grace period of 4 weeks ended today: counts
    (0, False),  # started today
])
def test_grace_period_for_new_starters(started_days_ago, counted):
    newcomer = person(2, started_on=ON - timedelta(days=started_days_ago))
    result = run([lead(), newcomer], lead_records())
    assert result.counted_staff == (2 if counted else 1)
    assert result.compliant is not counted


def test_trained_new_starter_counts_towards_the_share():
    newcomer = person(2, started_on=ON - timedelta(days=3))
    result = run([lead(), newcomer, person(3)], lead_records() + [valid(2)], share=60)
    assert (result.trained_staff, result.counted_staff) == (2, 3)
    assert result.compliant


def test_new_starter_is_listed_as_missing_with_the_date_needed_by():
    newcomer = person(2, name="Nia", started_on=date(2026, 6, 1))
    result = run([lead(), newcomer], lead_records())
    assert result.compliant
    assert result.missing[0].text == "Nia: has not done Spot the signs briefing (new starter: needed by 29 June 2026)"


def test_zero_grace_weeks_counts_everyone_at_once():
    result = run([lead(), person(2, started_on=ON)], lead_records(), grace_weeks=0)
    assert result.counted_staff == 2 and not result.compliant


def test_future_starters_and_leavers_do_not_count():
    people = [lead(), person(2, started_on=ON + timedelta(days=1)), person(3, left_on=ON),
              person(4, left_on=ON + timedelta(days=1))]
    result = run(people, lead_records() + [valid(4)])
    assert result.active_staff == 2  # the lead and person 4, who leaves tomorrow
    assert result.compliant


def test_staff_whose_role_needs_no_module_are_trained():
    result = run([lead(), person(2, job_role="kitchen")], lead_records())
    assert result.compliant and result.trained_staff == 2


def test_pending_equivalent_course_does_not_count():
    pending = RecordFacts(2, BRIEFING.id, ON - timedelta(days=5), None, pending=True)
    result = run([lead(), person(2)], lead_records() + [pending])
    assert not result.compliant
    assert result.missing[0].state is HoldingState.AWAITING_APPROVAL


def test_lapsing_within_30_and_60_days():
    people = [lead(), person(2, name="Ann"), person(3, name="Bob")]
    records = lead_records() + [valid(2, expires_on=ON + timedelta(days=10)), valid(3, expires_on=ON + timedelta(days=45))]
    result = run(people, records)
    assert [item.staff_name for item in result.lapsing(30)] == ["Ann"]
    assert [item.staff_name for item in result.lapsing(60)] == ["Ann", "Bob"]
    assert result.lapsing(30)[0].text == "Ann: Spot the signs briefing expires on 25 June 2026"


def test_the_longest_lasting_record_decides():
    records = lead_records() + [valid(2, expires_on=ON + timedelta(days=5)), valid(2, expires_on=ON + timedelta(days=300))]
    result = run([lead(), person(2)], records)
    ann = next(p for p in result.people if p.staff_id == 2)
    assert ann.holdings[0].state is HoldingState.VALID
    assert ann.holdings[0].valid_until == ON + timedelta(days=300)
    assert result.lapsing(30) == []


def test_expiring_soon_state():
    result = run([lead(), person(2)], lead_records() + [valid(2, expires_on=ON + timedelta(days=29))])
    ann = next(p for p in result.people if p.staff_id == 2)
    assert ann.holdings[0].state is HoldingState.EXPIRING_SOON
    assert result.compliant
