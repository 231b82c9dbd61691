from datetime import date, timedelta

from scheme.domain.dates import add_months
from scheme.domain.training import compliance_for, sessions
from scheme.enums import ApplicationStatus, JobRole
from scheme.extensions import db
from scheme.models import SessionAttendee, StaffMember, TrainingRecord, TrainingSession
from tests import factories
from tests.pages import error_messages, get_page, post_page, text_of

TODAY = date.today()


def _session(module, held_on=TODAY):
    session = TrainingSession(module_id=module.id, held_on=held_on, place="Braintree Town Hall", trainer="PC Jones")
    db.session.add(session)
    db.session.commit()
    return session


def test_officer_adds_a_session(officer_client, briefing):
    page = post_page(officer_client, "/officer/training-sessions/new", {
        "module_id": str(briefing.id), "held_on": [str(TODAY.day), str(TODAY.month), str(TODAY.year)],
        "place": "Galleys Corner Travel Lodge", "trainer": "Sue Safeguarding",
    })
    assert "Session added" in text_of(page)
    assert db.session.scalar(db.select(TrainingSession)).place == "Galleys Corner Travel Lodge"


def test_session_needs_its_details(officer_client, briefing):
    page = post_page(officer_client, "/officer/training-sessions/new", {"module_id": str(briefing.id)})
    assert error_messages(page) == ["Enter the date of the session", "Enter where the session is held",
                                    "Enter the trainer's name"]


def test_register_of_20_attendees_from_6_premises_in_one_post(officer_client, briefing):
    people = []
    all_premises = []
    for n in range(6):
        premises = factories.make_premises(status=ApplicationStatus.MEMBER, name=f"Premises {n}")
        all_premises.append(premises)
        for m in range(4 if n < 2 else 3):
            people.append(factories.make_staff(premises, name=f"Person {n}-{m}", job_role=JobRole.RECEPTION))
    assert len(people) == 20
    session = _session(briefing)

    page = get_page(officer_client, f"/officer/training-sessions/{session.id}?q=Premises")
    assert all(f'value="{person.id}"' in str(page) for person in people)
    page = post_page(officer_client, f"/officer/training-sessions/{session.id}", {
        "staff_ids": [str(person.id) for person in people],
        "new_people-0-name": "Walk In", "new_people-0-premises_id": str(all_premises[5].id),
        "new_people-0-job_role": "driver",
    })
    assert "21 added to the register" in text_of(page)
    assert "Register (21)" in text_of(page)
    walk_in = db.session.scalar(db.select(StaffMember).where(StaffMember.name == "Walk In"))
    assert walk_in.premises_id == all_premises[5].id and walk_in.job_role is JobRole.DRIVER

    page = post_page(officer_client, f"/officer/training-sessions/{session.id}/close")
    assert "Register closed: training recorded for 21 people" in text_of(page)
    records = list(db.session.scalars(db.select(TrainingRecord).where(TrainingRecord.session_id == session.id)))
    assert len(records) == 21
    assert {record.expires_on for record in records} == {add_months(TODAY, 24)}
    assert "Add attendees" not in text_of(page)


def test_closed_register_cannot_change_or_close_twice(officer_client, briefing, clerk):
    session = _session(briefing)
    db.session.add(SessionAttendee(session_id=session.id, staff_member_id=clerk.id))
    db.session.commit()
    post_page(officer_client, f"/officer/training-sessions/{session.id}/close")
    page = post_page(officer_client, f"/officer/training-sessions/{session.id}/close")
    assert "The register is already closed" in text_of(page)
    assert db.session.scalar(db.select(db.func.count(TrainingRecord.id))) == 1


def test_register_cannot_close_before_the_session(officer_client, briefing, clerk):
    session = _session(briefing, held_on=TODAY + timedelta(days=3))
    db.session.add(SessionAttendee(session_id=session.id, staff_member_id=clerk.id))
    db.session.commit()
    page = post_page(officer_client, f"/officer/training-sessions/{session.id}/close")
    assert "on or after the day of the session" in text_of(page)


def test_posting_nobody_is_refused(officer_client, briefing):
    session = _session(briefing)
    page = post_page(officer_client, f"/officer/training-sessions/{session.id}", {})
    assert error_messages(page) == ["Select at least one attendee, or add a new member of staff"]


def test_new_person_needs_a_premises(officer_client, briefing):
    session = _session(briefing)
    page = post_page(officer_client, f"/officer/training-sessions/{session.id}", {"new_people-0-name": "Walk In"})
    assert "Select the premises this person works at" in error_messages(page)


def test_closing_makes_a_premises_compliant(officer_client, premises, briefing):
    lead = factories.make_staff(premises, name="Lee", job_role=JobRole.MANAGER, is_safeguarding_lead=True)
    assert not compliance_for(premises.id, TODAY).compliant
    session = _session(briefing)
    post_page(officer_client, f"/officer/training-sessions/{session.id}", {"staff_ids": [str(lead.id)]})
    post_page(officer_client, f"/officer/training-sessions/{session.id}/close")
    assert compliance_for(premises.id, TODAY).compliant


def test_search_narrows_the_candidates(officer_client, briefing):
    factories.make_staff(factories.make_premises(status=ApplicationStatus.MEMBER, name="Swan Inn"), name="Sam Swan")
    factories.make_staff(factories.make_premises(status=ApplicationStatus.MEMBER, name="Crown"), name="Cal Crown")
    session = _session(briefing)
    text = text_of(get_page(officer_client, f"/officer/training-sessions/{session.id}?q=swan"))
    assert "Sam Swan" in text and "Cal Crown" not in text


def test_the_register_offers_no_one_until_searched_and_finds_people_by_name(officer_client, briefing):
    factories.make_staff(factories.make_premises(status=ApplicationStatus.MEMBER, name="Swan Inn"), name="Sam Swan")
    crown = factories.make_premises(status=ApplicationStatus.MEMBER, name="Crown")
    cal = factories.make_staff(crown, name="Cal Walker")
    session = _session(briefing)
    page = get_page(officer_client, f"/officer/training-sessions/{session.id}")
    assert not page.select("input[name=staff_ids]")
    assert "Search for the people attending" in text_of(page)
    page = get_page(officer_client, f"/officer/training-sessions/{session.id}?q=walker")
    assert [box["value"] for box in page.select("input[name=staff_ids]")] == [str(cal.id)]
    assert f'<option value="{crown.id}">' in str(page)  # a new person can be added to a premises found


def test_a_search_offers_at_most_a_page_of_premises(officer_client, briefing):
    for n in range(sessions.CANDIDATE_PREMISES + 5):
        factories.make_staff(factories.make_premises(status=ApplicationStatus.MEMBER, name=f"Kebab {n:02d}"))
    session = _session(briefing)
    page = get_page(officer_client, f"/officer/training-sessions/{session.id}?q=kebab")
    assert len(page.select("fieldset input[name=staff_ids]")) == sessions.CANDIDATE_PREMISES
    assert f"Showing the first {sessions.CANDIDATE_PREMISES} premises" in text_of(page)


def test_officer_removes_someone_from_an_open_register(officer_client, briefing, clerk):
    session = _session(briefing)
    db.session.add(SessionAttendee(session_id=session.id, staff_member_id=clerk.id))
    db.session.commit()
    page = post_page(officer_client, f"/officer/training-sessions/{session.id}/attendees/{clerk.id}/remove")
    assert "Register (0)" in text_of(page)


def test_a_session_register_offers_the_staff_on_the_day_of_the_session(briefing):
    premises = factories.make_premises(status=ApplicationStatus.MEMBER)
    day = date(2026, 11, 29)
    for name, started_on, left_on in [("Already gone", None, day), ("Leaving after", None, day.replace(day=30)),
                                      ("Starting that day", day, None), ("Starting later", day.replace(day=30), None)]:
        factories.make_staff(premises, name=name, started_on=started_on, left_on=left_on)
    target = TrainingSession(module_id=briefing.id, held_on=day, place="Town Hall", trainer="PC Jones")
    db.session.add(target)
    db.session.commit()
    (offered,) = [people for found, people in sessions.candidates(target.id, premises.name) if found.id == premises.id]
    assert sorted(person.name for person in offered) == ["Leaving after", "Starting that day"]
