"""The rules of an application, on model objects held in memory (no database)."""

from datetime import date, datetime, timedelta, timezone

import pytest

from scheme.domain.premises.applications import (
    Task,
    TaskStatus,
    applicable_standards,
    details_status,
    lead_status,
    pledge_status,
    reasons_not_to_submit,
    self_assessment_status,
    staff_status,
)
from scheme.enums import Answer, ApplicationStatus, JobRole, PremisesType, Role
from scheme.models import (
    Assessment,
    AssessmentAnswer,
    Pledge,
    Premises,
    StaffMember,
    Standard,
    StandardsVersion,
    User,
)

TODAY = date(2026, 11, 29)
DONE = {task: TaskStatus.COMPLETED for task in Task}


def premises(**fields) -> Premises:
    values = dict(name="The Swan", premises_type=PremisesType.PUB, address_line_1="19 Bradford Street",
                  town="Bocking", postcode="CM7 9AT", area_id=3, phone="01376 550000", staff_count=4,
                  status=ApplicationStatus.DRAFT)
    values.update(fields)
    return Premises(**values)


def version(id_=1, *standards) -> StandardsVersion:
    return StandardsVersion(id=id_, number=id_, standards=list(standards))


def standard(id_, types=()) -> Standard:
    return Standard(id=id_, code=f"S{id_}", title=f"Standard {id_}", premises_types=list(types))


def user(confirmed=True) -> User:
    return User(role=Role.BUSINESS, email="a@example.com", name="A",
                email_confirmed_at=datetime(2026, 11, 1, tzinfo=timezone.utc) if confirmed else None)


def test_details_are_complete_when_every_required_field_is_filled():
    assert details_status(premises()) == TaskStatus.COMPLETED


@pytest.mark.parametrize("missing", ["name", "address_line_1", "town", "postcode", "area_id", "phone"])
def test_details_missing_a_required_field_are_in_progress(missing):
    assert details_status(premises(**{missing: None if missing == "area_id" else ""})) == TaskStatus.IN_PROGRESS


def test_details_need_a_valid_normalised_postcode_and_some_staff():
    assert details_status(premises(postcode="cm7 9at")) == TaskStatus.IN_PROGRESS
    assert details_status(premises(postcode="NOT A CODE")) == TaskStatus.IN_PROGRESS
    assert details_status(premises(staff_count=0)) == TaskStatus.IN_PROGRESS


def test_the_lead_task_needs_a_current_lead_with_contact_details():
    place = premises()
    assert lead_status(place, TODAY) == TaskStatus.NOT_STARTED
    place.staff.append(StaffMember(name="Dee Lead", job_role=JobRole.MANAGER, is_safeguarding_lead=True))
    assert lead_status(place, TODAY) == TaskStatus.IN_PROGRESS  # no phone or email yet
    place.lead_phone = "07700 900123"
    assert lead_status(place, TODAY) == TaskStatus.COMPLETED


def test_a_lead_who_has_left_does_not_count():
    place = premises(lead_phone="07700 900123")
    place.staff.append(StaffMember(name="Gone", job_role=JobRole.MANAGER, is_safeguarding_lead=True,
                                   left_on=date(2026, 11, 1)))
    assert lead_status(place, TODAY) == TaskStatus.NOT_STARTED


def test_only_a_pledge_to_the_current_standards_counts():
    old, current = version(1), version(2)
    assert pledge_status([], current) == TaskStatus.NOT_STARTED
    assert pledge_status([Pledge(standards_version_id=old.id)], current) == TaskStatus.NOT_STARTED
    assert pledge_status([Pledge(standards_version_id=current.id)], current) == TaskStatus.COMPLETED
    assert pledge_status([Pledge(standards_version_id=1)], None) == TaskStatus.NOT_STARTED


def test_only_standards_for_the_premises_type_apply():
    general, hotels, pubs = standard(1), standard(2, ["hotel"]), standard(3, ["pub", "shop"])
    current = version(1, general, hotels, pubs)
    assert applicable_standards(current, PremisesType.PUB) == [general, pubs]
    assert applicable_standards(current, PremisesType.HOTEL) == [general, hotels]
    assert applicable_standards(None, PremisesType.PUB) == []


def test_the_self_assessment_is_complete_when_every_applicable_standard_is_answered():
    s1, s2 = standard(1), standard(2)
    assessment = Assessment(answers=[])
    assert self_assessment_status(None, [s1, s2]) == TaskStatus.NOT_STARTED
    assert self_assessment_status(assessment, [s1, s2]) == TaskStatus.NOT_STARTED
    assessment.answers.append(AssessmentAnswer(standard_id=1, answer=Answer.NOT_MET, note="Starting in January"))
    assessment.answers.append(AssessmentAnswer(standard_id=2, answer=None, note="only a note"))
    assert self_assessment_status(assessment, [s1, s2]) == TaskStatus.IN_PROGRESS
    assessment.answers[1].answer = Answer.NOT_APPLICABLE
    assert self_assessment_status(assessment, [s1, s2]) == TaskStatus.COMPLETED


def test_staff_and_training_is_complete_with_one_active_member_of_staff():
    place = premises()
    assert staff_status(place, TODAY) == TaskStatus.NOT_STARTED
    place.staff.append(StaffMember(name="Left", job_role=JobRole.BAR_STAFF, left_on=TODAY))
    assert staff_status(place, TODAY) == TaskStatus.NOT_STARTED
    place.staff.append(StaffMember(name="Starts tomorrow", job_role=JobRole.BAR_STAFF,
                                   started_on=TODAY + timedelta(days=1)))
    assert staff_status(place, TODAY) == TaskStatus.NOT_STARTED
    place.staff.append(StaffMember(name="Lead", job_role=JobRole.MANAGER, is_safeguarding_lead=True))
    assert staff_status(place, TODAY) == TaskStatus.COMPLETED


def test_a_draft_with_every_task_complete_and_a_confirmed_email_may_be_submitted():
    assert reasons_not_to_submit(premises(), DONE, user()) == []
    assert reasons_not_to_submit(premises(status=ApplicationStatus.CHANGES_REQUESTED), DONE, user()) == []


def test_each_incomplete_task_is_a_reason_not_to_submit():
    statuses = {**DONE, Task.PLEDGE: TaskStatus.NOT_STARTED, Task.SELF_ASSESSMENT: TaskStatus.IN_PROGRESS}
    assert reasons_not_to_submit(premises(), statuses, user()) == [
        "Complete “Read the standards and pledge to them”", "Complete “Self-assessment”"]


def test_an_unconfirmed_email_is_a_reason_not_to_submit():
    assert reasons_not_to_submit(premises(), DONE, user(confirmed=False)) == [
        "Confirm your email address using the link we sent you"]


@pytest.mark.parametrize("status", [ApplicationStatus.SUBMITTED, ApplicationStatus.REJECTED, ApplicationStatus.MEMBER])
def test_an_application_out_of_draft_may_not_be_submitted(status):
    reasons = reasons_not_to_submit(premises(status=status), DONE, user())
    assert len(reasons) == 1
    if status == ApplicationStatus.SUBMITTED:
        assert "already been submitted" in reasons[0]
