"""Audit visits: the checklist, answers saved one at a time, and what finishing a visit decides.

A new visit starts from the last visit's answers, but each one carried over must be confirmed
or changed by an officer during this visit (one by one, or a whole section "confirmed as
seen", recorded as such) before the visit can finish: a visit never passes on what an
earlier one found.

Outcome rule: a visit fails when any mandatory standard that applies is not met; it passes
with actions when only non-mandatory standards are not met; otherwise it passes. Every
standard this visit found not met gets an action: a new one, or the premises' action for that
standard still open from an earlier visit, linked rather than set twice.
"""

from dataclasses import dataclass
from datetime import date, timedelta

import enum

from sqlalchemy.orm import contains_eager, joinedload, selectinload

from scheme.domain import audit_log
from scheme.domain.access import require_staff
from scheme.domain.dates import add_months, in_words
from scheme.domain.errors import InvalidState, NotFound, StaleEdit
from scheme.domain.links import external_url
from scheme.domain.lookup import get_assessment, get_or_not_found
from scheme.domain.notifications import tell_business
from scheme.domain.photos import CleanImage
from scheme.domain.settings import SchemeSettings
from scheme.domain.standards import current_standards_version
from scheme.domain.transaction import service
from scheme.domain.visits.actions import actions_for_premises, outstanding_clause
from scheme.enums import Answer, ApplicationStatus, AssessmentKind, Outcome
from scheme.extensions import db
from scheme.models import (
    Action,
    Assessment,
    AssessmentAnswer,
    EvidencePhoto,
    Premises,
    Standard,
    User,
)
from scheme.models.base import utcnow

VISITS_ARE_FOR_STAFF = "Only officers and administrators record audit visits"
ALREADY_FINISHED = "This visit has already been finished, by you or another officer: its outcome stands"

# How long a premises has to put right a standard it did not meet.
ACTION_DAYS_MANDATORY = 28
ACTION_DAYS_OPTIONAL = 56


class Section(enum.StrEnum):
    """The parts of the checklist an officer may confirm as seen in one go."""

    MANDATORY = "mandatory"
    RECOMMENDED = "recommended"

    @property
    def label(self) -> str:
        return "Mandatory standards" if self is Section.MANDATORY else "Recommended standards"


def section_of(mandatory: bool) -> Section:
    return Section.MANDATORY if mandatory else Section.RECOMMENDED


@dataclass(frozen=True)
class Finding:
    code: str
    mandatory: bool
    answer: Answer | None
    # Confirmed or changed by an officer during this visit (False: only carried over).
    confirmed: bool = True


def why_not_finishable(findings: list[Finding]) -> list[str]:
    """What stops the visit finishing, in words for the officer; empty when it may finish."""
    reasons = []
    unanswered = [f.code for f in findings if f.answer is None]
    if unanswered:
        reasons.append(f"Answer every standard before finishing the visit (not answered: {', '.join(unanswered)})")
    carried = [f.code for f in findings if f.answer is not None and not f.confirmed]
    if carried:
        reasons.append(
            "Confirm or change each answer carried over from the last visit before finishing: what the last "
            f"visit found is not what this visit saw (not yet confirmed: {', '.join(carried)})"
        )
    return reasons


def outcome_for(findings: list[Finding]) -> Outcome:
    reasons = why_not_finishable(findings)
    if reasons:
        raise InvalidState(". ".join(reasons))
    not_met = [f for f in findings if f.answer == Answer.NOT_MET]
    if any(f.mandatory for f in not_met):
        return Outcome.FAIL
    if not_met:
        return Outcome.PASS_WITH_ACTIONS
    return Outcome.PASS


def next_visit_on(outcome: Outcome, visit_date: date, settings: SchemeSettings) -> date:
    months = settings.visit_interval_after_fail_months if outcome == Outcome.FAIL else settings.visit_interval_months
    return add_months(visit_date, months)


def action_due_on(visit_date: date, mandatory: bool) -> date:
    return visit_date + timedelta(days=ACTION_DAYS_MANDATORY if mandatory else ACTION_DAYS_OPTIONAL)


def visit_in_progress(premises_id: int) -> Assessment | None:
    return db.session.scalar(
        db.select(Assessment)
        .where(Assessment.premises_id == premises_id, Assessment.kind == AssessmentKind.AUDIT,
               Assessment.completed_at.is_(None))
        .order_by(Assessment.id.desc())
        .limit(1)
    )


def previous_visit(premises_id: int, before_id: int | None = None) -> Assessment | None:
    query = db.select(Assessment).where(
        Assessment.premises_id == premises_id, Assessment.kind == AssessmentKind.AUDIT,
        Assessment.completed_at.is_not(None),
    )
    if before_id is not None:
        query = query.where(Assessment.id != before_id)
    return db.session.scalar(query.order_by(Assessment.completed_at.desc()).limit(1))


def get_visit(assessment_id: int) -> Assessment:
    return get_assessment(assessment_id, AssessmentKind.AUDIT, "There is no such visit")


def checklist(visit: Assessment) -> list[AssessmentAnswer]:
    """The visit's answers in the standards' order, each with its standard, its photos' ids,
    who confirmed it and the action it set or linked."""
    return list(db.session.scalars(
        db.select(AssessmentAnswer).join(Standard)
        .where(AssessmentAnswer.assessment_id == visit.id)
        .options(contains_eager(AssessmentAnswer.standard),
                 # The page links to each photo; their bytes are fetched one by one when shown.
                 selectinload(AssessmentAnswer.photos).load_only(EvidencePhoto.id, EvidencePhoto.answer_id),
                 joinedload(AssessmentAnswer.updated_by).load_only(User.id, User.name),
                 joinedload(AssessmentAnswer.action))
        .order_by(Standard.position, Standard.id)
    ))


def findings_of(rows: list[AssessmentAnswer]) -> list[Finding]:
    return [Finding(r.standard.code, r.standard.mandatory, r.answer, r.confirmed_at is not None) for r in rows]


@dataclass(frozen=True)
class SavedAnswer:
    """The answer someone else saved first, as it stands in the database."""

    answer: Answer | None
    note: str
    revision: int


@dataclass(frozen=True)
class VisitPage:
    visit: Assessment
    premises: Premises
    rows: list[AssessmentAnswer]
    open_actions: list[Action]

    @property
    def answered(self) -> int:
        """Standards answered during this visit (saved, or carried over and confirmed)."""
        return sum(1 for row in self.rows if row.answer is not None and row.confirmed_at is not None)

    def sections(self) -> list[tuple[Section, list[AssessmentAnswer]]]:
        found: dict[Section, list[AssessmentAnswer]] = {}
        for row in self.rows:
            found.setdefault(section_of(row.standard.mandatory), []).append(row)
        return [(section, found[section]) for section in Section if section in found]


def visit_page(visit_id: int) -> VisitPage:
    """Everything the on-site visit page shows, loaded in a fixed number of statements."""
    visit = db.session.scalar(
        db.select(Assessment).where(Assessment.id == visit_id, Assessment.kind == AssessmentKind.AUDIT)
        .options(joinedload(Assessment.standards_version))
    )
    if visit is None:
        raise NotFound("There is no such visit")
    open_actions = actions_for_premises(visit.premises_id, outstanding_only=True)
    return VisitPage(visit=visit, premises=db.session.get(Premises, visit.premises_id), rows=checklist(visit),
                     open_actions=open_actions)


def get_answer(visit: Assessment, standard_id: int) -> AssessmentAnswer:
    row = db.session.scalar(db.select(AssessmentAnswer).where(
        AssessmentAnswer.assessment_id == visit.id, AssessmentAnswer.standard_id == standard_id)
        .options(joinedload(AssessmentAnswer.standard)))
    if row is None:
        raise NotFound("That standard is not on this visit's checklist")
    return row


@service
def start_visit(officer: User, premises_id: int, today: date) -> Assessment:
    """Start an audit visit, or resume the one already in progress for this premises."""
    require_staff(officer, VISITS_ARE_FOR_STAFF)
    premises = get_or_not_found(Premises, premises_id, "There is no such premises")
    existing = visit_in_progress(premises_id)
    if existing is not None:
        return existing
    if premises.status != ApplicationStatus.MEMBER:
        raise InvalidState("Only a member of the scheme can have an audit visit")
    version = current_standards_version()
    if version is None:
        raise InvalidState("No standards have been published yet")
    before = previous_visit(premises_id)
    previous = {a.standard.code: a for a in checklist(before)} if before else {}
    visit = Assessment(premises_id=premises_id, kind=AssessmentKind.AUDIT, officer_id=officer.id,
                       standards_version_id=version.id, visit_date=today)
    for standard in version.standards:
        if not standard.applies_to(premises.premises_type.value):
            continue
        # Pre-filled from the last visit; confirmed_at stays empty until an officer confirms it.
        last = previous.get(standard.code)
        visit.answers.append(AssessmentAnswer(
            standard_id=standard.id, answer=last.answer if last else None, note=last.note if last else "",
            carried_over_answer=last.answer if last else None, confirmed_at=None, updated_by_id=None, revision=1,
        ))
    db.session.add(visit)
    db.session.flush()
    audit_log.record(officer, "visit.started", premises_id=premises_id, subject=f"assessment:{visit.id}",
                 details=f"Standards version {version.number}")
    return visit


@service
def save_answer(officer: User, assessment_id: int, standard_id: int, *, answer: Answer | None, note: str,
                based_on_revision: int) -> AssessmentAnswer:
    """Save one standard's answer. A save based on an older revision is refused, not merged."""
    require_staff(officer, VISITS_ARE_FOR_STAFF)
    visit = get_visit(assessment_id)
    if visit.completed_at is not None:
        raise InvalidState("This visit is finished and can no longer be changed")
    row = get_answer(visit, standard_id)
    # A conditional update, so two officers saving at the same moment cannot both win.
    result = db.session.execute(
        db.update(AssessmentAnswer)
        .where(AssessmentAnswer.id == row.id, AssessmentAnswer.revision == based_on_revision)
        .values(answer=answer, note=note, updated_at=utcnow(), updated_by_id=officer.id,
                confirmed_at=utcnow(), confirmed_in_bulk=False, revision=AssessmentAnswer.revision + 1)
        .execution_options(synchronize_session=False)
    )
    code = row.standard.code
    db.session.refresh(row)
    if result.rowcount != 1:
        # A snapshot: the rollback that follows expires row, and the page shows both answers.
        raise StaleEdit("Someone else saved this answer while you were editing it",
                        current=SavedAnswer(row.answer, row.note, row.revision))
    audit_log.record(officer, "visit.answer_saved", premises_id=visit.premises_id, subject=f"assessment:{visit.id}",
                 details=f"{code}: {answer.label.lower() if answer else 'not answered'}")
    return row


@service
def add_answer_photo(officer: User, assessment_id: int, standard_id: int, image: CleanImage) -> EvidencePhoto:
    require_staff(officer, VISITS_ARE_FOR_STAFF)
    visit = get_visit(assessment_id)
    if visit.completed_at is not None:
        raise InvalidState("This visit is finished and can no longer be changed")
    row = get_answer(visit, standard_id)
    photo = EvidencePhoto(answer_id=row.id, content_type=image.content_type, content=image.content,
                          uploaded_by_id=officer.id)
    db.session.add(photo)
    db.session.flush()
    audit_log.record(officer, "visit.photo_added", premises_id=visit.premises_id, subject=f"assessment:{visit.id}",
                 details=f"{row.standard.code}: photo {photo.id}")
    return photo


@service
def confirm_section(officer: User, assessment_id: int, section: Section) -> list[str]:
    """Confirm as seen every answer of one section still only carried over from the last visit.
    Each is recorded as confirmed in bulk, by this officer, now. Returns the codes confirmed."""
    require_staff(officer, VISITS_ARE_FOR_STAFF)
    visit = get_visit(assessment_id)
    if visit.completed_at is not None:
        raise InvalidState("This visit is finished and can no longer be changed")
    waiting = [row for row in checklist(visit)
               if section_of(row.standard.mandatory) is section and row.confirmed_at is None and row.answer is not None]
    confirmed = []
    now = utcnow()
    for row in waiting:
        # Conditional, like a single save: an answer someone saved meanwhile is left as they saved it.
        result = db.session.execute(
            db.update(AssessmentAnswer)
            .where(AssessmentAnswer.id == row.id, AssessmentAnswer.revision == row.revision,
                   AssessmentAnswer.confirmed_at.is_(None))
            .values(confirmed_at=now, confirmed_in_bulk=True, updated_at=now, updated_by_id=officer.id,
                    revision=AssessmentAnswer.revision + 1)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount == 1:
            confirmed.append(row.standard.code)
            db.session.expire(row, ["confirmed_at", "confirmed_in_bulk", "updated_at", "updated_by_id", "revision"])
    if not confirmed:
        raise InvalidState(f"No answer in {section.label.lower()} is waiting to be confirmed")
    audit_log.record(officer, "visit.section_confirmed", premises_id=visit.premises_id, subject=f"assessment:{visit.id}",
                     details=f"{section.label} confirmed as seen: {', '.join(confirmed)}")
    return confirmed


def _open_action_for(premises_id: int, code: str, visit_id: int) -> Action | None:
    """The premises' action for this standard (by code: versions differ) still open from an
    earlier visit, if any."""
    return db.session.scalar(
        db.select(Action).join(Standard, Standard.id == Action.standard_id)
        .where(Action.premises_id == premises_id, Standard.code == code, outstanding_clause(),
               (Action.assessment_id != visit_id) | Action.assessment_id.is_(None))
        .order_by(Action.due_on, Action.id).limit(1)
    )


@service
def finish_visit(officer: User, assessment_id: int, settings: SchemeSettings) -> Assessment:
    require_staff(officer, VISITS_ARE_FOR_STAFF)
    visit = get_visit(assessment_id)
    if visit.completed_at is not None:
        raise InvalidState(ALREADY_FINISHED)
    rows = checklist(visit)
    outcome = outcome_for(findings_of(rows))
    visit_date = visit.visit_date
    next_on = next_visit_on(outcome, visit_date, settings)
    # Conditional, so that of two officers finishing at once exactly one does; the other is told.
    result = db.session.execute(
        db.update(Assessment)
        .where(Assessment.id == visit.id, Assessment.completed_at.is_(None))
        .values(outcome=outcome, completed_at=utcnow(), next_visit_on=next_on)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise InvalidState(ALREADY_FINISHED)
    # Only these columns: refreshing the whole visit would cascade to its answers and unload
    # the standards the loop below reads.
    db.session.expire(visit, ["outcome", "completed_at", "next_visit_on"])
    found = []  # what the business must put right, new or still open from before
    for row in rows:
        if row.answer != Answer.NOT_MET:
            continue
        action = _open_action_for(visit.premises_id, row.standard.code, visit.id)
        if action is None:
            what = row.note.strip() or f"Meet the standard: {row.standard.title}"
            action = Action(premises_id=visit.premises_id, assessment_id=visit.id, standard_id=row.standard_id,
                            description=f"{row.standard.code}: {what}",
                            due_on=action_due_on(visit_date, row.standard.mandatory))
            db.session.add(action)
            db.session.flush()
        row.action_id = action.id
        found.append(action)
    premises = db.session.get(Premises, visit.premises_id)
    premises.next_visit_due_on = visit.next_visit_on
    audit_log.record(officer, "visit.finished", premises_id=visit.premises_id, subject=f"assessment:{visit.id}",
                 details=f"Outcome: {outcome.label.lower()}; next visit due {in_words(visit.next_visit_on)}")
    tell_business(premises, "visit_outcome", visit=visit, actions=sorted(found, key=lambda a: (a.due_on, a.id)),
                  link=external_url("business.premises_actions", premises_id=premises.id))
    return visit
