"""A premises' application to join the scheme: its tasks, when it may be submitted, and
the services that save each task and submit it.

The rules (task_statuses, may_submit, ...) are plain functions over model objects, so they are
unit-tested without a database; the services load, call the rules, and change state.
"""

import enum
from dataclasses import dataclass
from datetime import date, datetime

from scheme.domain import areas, audit_log
from scheme.domain.access import premises_for, require_business
from scheme.domain.accounts.users import normalise_email
from scheme.domain.errors import DomainError, InvalidState, StaleEdit
from scheme.domain.links import external_url
from scheme.domain.lookup import load_related
from scheme.domain.mail import queue_email
from scheme.domain.notifications import tell_officers
from scheme.domain.premises.postcodes import InvalidPostcode, normalise_postcode
from scheme.domain.standards import current_standards_version
from scheme.domain.training.rule import is_active
from scheme.domain.transaction import service
from scheme.enums import (
    Answer,
    ApplicationStatus,
    AssessmentKind,
    JobRole,
    PremisesType,
)
from scheme.extensions import db
from scheme.models import (
    Assessment,
    AssessmentAnswer,
    Pledge,
    Premises,
    PremisesMember,
    StaffMember,
    Standard,
    StandardsVersion,
    User,
)

EDITABLE = (ApplicationStatus.DRAFT, ApplicationStatus.CHANGES_REQUESTED)


class Task(enum.StrEnum):
    DETAILS = "details"
    LEAD = "lead"
    PLEDGE = "pledge"
    SELF_ASSESSMENT = "self_assessment"
    STAFF = "staff"

    @property
    def label(self) -> str:
        return {
            "details": "Premises details",
            "lead": "Safeguarding lead",
            "pledge": "Read the standards and pledge to them",
            "self_assessment": "Self-assessment",
            "staff": "Staff and training",
        }[self.value]


class TaskStatus(enum.StrEnum):
    NOT_STARTED = "Not yet started"
    IN_PROGRESS = "In progress"
    COMPLETED = "Completed"


ANSWER_LABELS = {
    Answer.MET: "We do this",
    Answer.NOT_MET: "Not yet",
    Answer.NOT_APPLICABLE: "Does not apply",
}


# ---- rules: plain functions, no database ------------------------------------------------

REQUIRED_DETAILS = ("name", "premises_type", "address_line_1", "town", "postcode", "area_id", "phone")


def details_status(premises: Premises) -> TaskStatus:
    filled = [bool(getattr(premises, name, None)) for name in REQUIRED_DETAILS]
    valid_postcode = bool(premises.postcode) and _postcode_ok(premises.postcode)
    if all(filled) and valid_postcode and (premises.staff_count or 0) >= 1:
        return TaskStatus.COMPLETED
    return TaskStatus.IN_PROGRESS if any(filled) else TaskStatus.NOT_STARTED


def _postcode_ok(postcode: str) -> bool:
    try:
        return normalise_postcode(postcode) == postcode
    except InvalidPostcode:
        return False


def active_staff(premises: Premises, today: date) -> list[StaffMember]:
    return [person for person in premises.staff if is_active(person, today)]


def safeguarding_lead(premises: Premises, today: date) -> StaffMember | None:
    return next((person for person in active_staff(premises, today) if person.is_safeguarding_lead), None)


def lead_status(premises: Premises, today: date) -> TaskStatus:
    lead = safeguarding_lead(premises, today)
    if lead is None:
        return TaskStatus.NOT_STARTED
    has_contact = bool(premises.lead_phone or premises.lead_email)
    return TaskStatus.COMPLETED if lead.name and has_contact else TaskStatus.IN_PROGRESS


def pledge_status(pledges: list[Pledge], current: StandardsVersion | None) -> TaskStatus:
    # A pledge to an older version no longer counts once new standards are published.
    if current is not None and any(pledge.standards_version_id == current.id for pledge in pledges):
        return TaskStatus.COMPLETED
    return TaskStatus.NOT_STARTED


def applicable_standards(current: StandardsVersion | None, premises_type: PremisesType) -> list[Standard]:
    if current is None:
        return []
    return [standard for standard in current.standards if standard.applies_to(premises_type.value)]


def self_assessment_status(assessment: Assessment | None, standards: list[Standard]) -> TaskStatus:
    if assessment is None or not standards:
        return TaskStatus.NOT_STARTED
    answered = {answer.standard_id for answer in assessment.answers if answer.answer is not None}
    if all(standard.id in answered for standard in standards):
        return TaskStatus.COMPLETED
    return TaskStatus.IN_PROGRESS if answered else TaskStatus.NOT_STARTED


def staff_status(premises: Premises, today: date) -> TaskStatus:
    """Complete once the premises lists someone on its staff today (the lead counts). Training
    itself is checked by an officer before a certificate; it does not hold up an application."""
    return TaskStatus.COMPLETED if active_staff(premises, today) else TaskStatus.NOT_STARTED


def is_editable(premises: Premises) -> bool:
    return premises.status in EDITABLE


def reasons_not_to_submit(premises: Premises, statuses: dict[Task, TaskStatus], user: User) -> list[str]:
    """Why this user may not submit this application now; empty when they may."""
    if premises.status == ApplicationStatus.SUBMITTED:
        return ["This application has already been submitted. An officer will review it."]
    if not is_editable(premises):
        return ["This application is not open for submission."]
    reasons = [f"Complete “{task.label}”" for task, status in statuses.items() if status != TaskStatus.COMPLETED]
    if user.email_confirmed_at is None:
        reasons.append("Confirm your email address using the link we sent you")
    return reasons


# ---- queries -----------------------------------------------------------------------------


def pledges_of(premises: Premises) -> list[Pledge]:
    return list(db.session.scalars(db.select(Pledge).where(Pledge.premises_id == premises.id).order_by(Pledge.id)))


def self_assessment_for(premises: Premises, version: StandardsVersion | None) -> Assessment | None:
    if version is None:
        return None
    return db.session.scalar(
        db.select(Assessment)
        .where(Assessment.premises_id == premises.id, Assessment.kind == AssessmentKind.SELF,
               Assessment.standards_version_id == version.id)
        .options(db.selectinload(Assessment.answers)).order_by(Assessment.id.desc()).limit(1)
    )


@dataclass
class Application:
    premises: Premises
    standards: StandardsVersion | None
    applicable: list[Standard]
    assessment: Assessment | None
    pledge: Pledge | None
    lead: StaffMember | None
    staff: list[StaffMember]  # on the staff today
    statuses: dict[Task, TaskStatus]
    reasons_not_to_submit: list[str]

    @property
    def editable(self) -> bool:
        return is_editable(self.premises)

    @property
    def may_pledge(self) -> bool:
        return may_pledge(self.premises)

    @property
    def may_submit(self) -> bool:
        return not self.reasons_not_to_submit

    @property
    def completed_count(self) -> int:
        return sum(status == TaskStatus.COMPLETED for status in self.statuses.values())

    def answer_for(self, standard: Standard) -> AssessmentAnswer | None:
        if self.assessment is None:
            return None
        return next((a for a in self.assessment.answers if a.standard_id == standard.id), None)


def application_for(user: User, premises_id: int, today: date) -> Application:
    premises = load_related(premises_for(user, premises_id), db.selectinload(Premises.staff),
                            db.selectinload(Premises.members).joinedload(PremisesMember.user))
    version = current_standards_version()
    applicable = applicable_standards(version, premises.premises_type)
    assessment = self_assessment_for(premises, version)
    pledges = pledges_of(premises)
    statuses = {
        Task.DETAILS: details_status(premises),
        Task.LEAD: lead_status(premises, today),
        Task.PLEDGE: pledge_status(pledges, version),
        Task.SELF_ASSESSMENT: self_assessment_status(assessment, applicable),
        Task.STAFF: staff_status(premises, today),
    }
    current_pledge = next((p for p in reversed(pledges) if version and p.standards_version_id == version.id), None)
    return Application(
        premises=premises, standards=version, applicable=applicable, assessment=assessment,
        pledge=current_pledge, lead=safeguarding_lead(premises, today), staff=active_staff(premises, today),
        statuses=statuses, reasons_not_to_submit=reasons_not_to_submit(premises, statuses, user),
    )


# ---- services ----------------------------------------------------------------------------

DETAIL_FIELDS = ("name", "trading_name", "premises_type", "address_line_1", "address_line_2", "town", "postcode",
                 "area_id", "phone", "email", "staff_count", "opening_hours", "open_at_night", "home_based")


def _check_editable(premises: Premises) -> None:
    if premises.status == ApplicationStatus.SUBMITTED:
        raise InvalidState("Your application has been submitted, so it cannot be changed while an officer reviews it")
    if not is_editable(premises):
        raise InvalidState("This application can no longer be changed")


def may_pledge(premises: Premises) -> bool:
    # A member pledges again when new standards are published; its application stays closed.
    return is_editable(premises) or premises.status == ApplicationStatus.MEMBER


def _editable_premises(user: User, premises_id: int) -> Premises:
    require_business(user, "Only the business that manages a premises can change its application")
    premises = premises_for(user, premises_id)
    _check_editable(premises)
    return premises


def _apply_details(premises: Premises, details: dict) -> None:
    unknown = set(details) - set(DETAIL_FIELDS)
    if unknown:
        raise ValueError(f"not premises details: {sorted(unknown)}")
    if "area_id" in details and not areas.is_choosable(details["area_id"], current=premises.area_id):
        raise InvalidState("Select an area from the list")
    for name, value in details.items():
        if isinstance(value, str):
            value = value.strip()
        setattr(premises, name, value)
    premises.postcode = normalise_postcode(premises.postcode)
    premises.premises_type = PremisesType(premises.premises_type)


@service
def add_premises(user: User, details: dict) -> Premises:
    require_business(user, "Only business accounts add premises")
    premises = Premises(status=ApplicationStatus.DRAFT)
    _apply_details(premises, details)
    premises.members.append(PremisesMember(user_id=user.id))
    db.session.add(premises)
    db.session.flush()
    audit_log.record(user, "premises.added", premises_id=premises.id, subject=f"premises:{premises.id}",
                 details=premises.name)
    return premises


@service
def update_details(user: User, premises_id: int, details: dict) -> Premises:
    premises = _editable_premises(user, premises_id)
    _apply_details(premises, details)
    audit_log.record(user, "premises.details_saved", premises_id=premises.id, subject=f"premises:{premises.id}")
    return premises


@service
def save_safeguarding_lead(user: User, premises_id: int, *, name: str, job_role: JobRole, phone: str,
                           email: str, today: date) -> StaffMember:
    premises = load_related(_editable_premises(user, premises_id), db.selectinload(Premises.staff))
    lead = safeguarding_lead(premises, today)
    if lead is None:
        lead = StaffMember(premises=premises, is_safeguarding_lead=True, started_on=today, name="",
                           job_role=job_role)
        db.session.add(lead)
    lead.name = name.strip()
    lead.job_role = JobRole(job_role)
    premises.lead_phone = phone.strip()
    premises.lead_email = normalise_email(email) if email else ""
    db.session.flush()
    audit_log.record(user, "premises.lead_saved", premises_id=premises.id, subject=f"staff_member:{lead.id}")
    return lead


@service
def pledge_to_standards(user: User, premises_id: int, now: datetime) -> Pledge:
    require_business(user, "Only the business that manages a premises can pledge to the standards")
    premises = premises_for(user, premises_id)
    if not may_pledge(premises):
        raise InvalidState("This application can no longer be changed")
    version = current_standards_version()
    if version is None:
        raise InvalidState("The scheme has not published its standards yet")
    existing = next((p for p in pledges_of(premises) if p.standards_version_id == version.id), None)
    if existing is not None:
        return existing
    pledge = Pledge(premises_id=premises.id, standards_version_id=version.id, user_id=user.id, pledged_at=now)
    db.session.add(pledge)
    db.session.flush()
    audit_log.record(user, "premises.pledged", premises_id=premises.id, subject=f"pledge:{pledge.id}",
                 details=f"standards version {version.number}")
    return pledge


class ChangedMeanwhile(StaleEdit):
    """Someone else saved some of these answers while this user was editing them."""

    def __init__(self, standard_ids: list[int]):
        super().__init__("Someone else changed this answer while you were editing it. Check it and save again")
        self.standard_ids = standard_ids


@service
def save_self_assessment(user: User, premises_id: int, answers: dict[int, tuple[Answer | None, str]],
                         now: datetime, revisions: dict[int, int] | None = None) -> Assessment:
    """Save what has been answered so far (a partial save is fine: the user can come back).

    revisions holds the revision of each answer the user started from (0 for none); when a
    colleague has saved a different answer since, nothing is saved and ChangedMeanwhile says which.
    """
    premises = _editable_premises(user, premises_id)
    version = current_standards_version()
    if version is None:
        raise InvalidState("The scheme has not published its standards yet")
    allowed = {standard.id for standard in applicable_standards(version, premises.premises_type)}
    assessment = self_assessment_for(premises, version)
    if assessment is None:
        assessment = Assessment(premises_id=premises.id, kind=AssessmentKind.SELF, standards_version_id=version.id)
        db.session.add(assessment)
    by_standard = {answer.standard_id: answer for answer in assessment.answers}
    if revisions is not None:
        changed = [
            standard_id for standard_id, (answer, note) in answers.items()
            if standard_id in by_standard
            and by_standard[standard_id].revision != revisions.get(standard_id, 0)
            and (by_standard[standard_id].answer, by_standard[standard_id].note) != (answer, note.strip())
        ]
        if changed:
            raise ChangedMeanwhile(changed)
    for standard_id, (answer, note) in answers.items():
        if standard_id not in allowed:
            raise DomainError("That standard is not part of this self-assessment")
        row = by_standard.get(standard_id)
        if row is None and answer is None and not note.strip():
            continue  # not answered yet: nothing to keep
        if row is None:
            row = AssessmentAnswer(standard_id=standard_id)
            assessment.answers.append(row)
        if row.answer != answer or row.note != note.strip():
            row.answer, row.note = answer, note.strip()
            row.updated_at, row.updated_by_id = now, user.id
            row.revision = (row.revision or 0) + 1
    db.session.flush()
    audit_log.record(user, "premises.self_assessment_saved", premises_id=premises.id,
                 subject=f"assessment:{assessment.id}")
    return assessment


@service
def submit_application(user: User, premises_id: int, now: datetime, today: date) -> Premises:
    require_business(user, "Only the business that manages a premises can submit its application")
    application = application_for(user, premises_id, today)
    if application.reasons_not_to_submit:
        raise InvalidState(" ".join(application.reasons_not_to_submit))
    premises = application.premises
    resubmitted = premises.status == ApplicationStatus.CHANGES_REQUESTED
    premises.status = ApplicationStatus.SUBMITTED
    premises.submitted_at = now
    audit_log.record(user, "premises.resubmitted" if resubmitted else "premises.submitted",
                 premises_id=premises.id, subject=f"premises:{premises.id}")
    queue_email(user.email, "application_submitted", premises_id=premises.id, user=user, premises=premises,
                resubmitted=resubmitted, link=external_url("business.task_list", premises_id=premises.id))
    tell_officers(premises, "officer_application_submitted", resubmitted=resubmitted,
                  link=external_url("officer.review_application", premises_id=premises.id))
    return premises


@service
def choose_public_address(user: User, premises_id: int, *, show_home_address: bool) -> Premises:
    """A home-based business's choice whether the public sees its full address or only its
    outward postcode (scheme.domain.premises.public_address). Open to change at any time,
    not only while the application is a draft: a sole trader may move, or change their mind."""
    require_business(user, "Only the business that manages a premises can choose what the public sees")
    premises = premises_for(user, premises_id)
    if not premises.home_based:
        raise InvalidState("The full address of a premises that is not run from a home address is always shown")
    premises.show_home_address = show_home_address
    audit_log.record(user, "premises.public_address_chosen", premises_id=premises.id,
                     subject=f"premises:{premises.id}",
                     details="full address shown" if show_home_address else "outward postcode only")
    return premises
