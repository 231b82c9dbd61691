"""What a business user sees on their home page: each premises, its status in plain words,
what to do next, and the open actions with their due dates."""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import selectinload

from scheme.domain import settings
from scheme.domain.access import premises_of
from scheme.domain.certificates.lifecycle import renewal_opens_on
from scheme.domain.certificates.lists import CertificateRow, current_certificate_rows
from scheme.domain.certificates.state import current_certificate
from scheme.domain.dates import in_words
from scheme.domain.premises.readiness import Readiness, readiness_of
from scheme.domain.premises.status import PremisesStatus, premises_status
from scheme.domain.settings import DEFAULTS
from scheme.domain.standards import StandardsChanges, standards_changes_since
from scheme.domain.visits.actions import is_overdue, open_clause
from scheme.enums import ApplicationStatus
from scheme.extensions import db
from scheme.models import Action, Certificate, Pledge, Premises, User

P = PremisesStatus

NEXT_STEPS = {
    P.DRAFT: "Complete the tasks in your application and submit it.",
    P.SUBMITTED: "An officer is reviewing your application. We will email you when they have decided.",
    P.CHANGES_REQUESTED: "Read the officer's message, make the changes and resubmit your application.",
    P.REJECTED: "Your application was not accepted. Read the officer's message for the reason.",
    P.MEMBER: "Make sure your staff complete their training. An officer will visit to audit the premises.",
    P.ACCREDITED: "Keep staff training up to date and display your certificate where customers can see it.",
    P.SUSPENDED: "Your certificate is suspended. Complete any open actions and contact the scheme's officers.",
    P.LAPSED: "Your certificate has expired. Contact the scheme's officers to arrange a renewal visit.",
    P.REVOKED: "Your certificate was revoked. Take the certificate down and contact the scheme's officers.",
}


@dataclass(frozen=True)
class OpenAction:
    action: Action
    overdue: bool


@dataclass
class PremisesSummary:
    premises: Premises
    status: PremisesStatus
    status_words: str
    next_step: str
    actions: list[OpenAction] = field(default_factory=list)
    certificate_row: CertificateRow | None = None  # the current certificate, once a member
    standards_changes: StandardsChanges | None = None  # new standards a member must pledge to
    renew_by: date | None = None  # the renewal window is open: renew by this day (the expiry)
    readiness: Readiness | None = None  # set while an accredited premises is at risk or suspended pending checks

    @property
    def is_member(self) -> bool:
        return self.premises.status.value == "member"


def status_in_words(premises: Premises, status: PremisesStatus) -> str:
    if status == P.CHANGES_REQUESTED and premises.changes_due_on:
        return f"Changes requested by {in_words(premises.changes_due_on)}"
    if status == P.ACCREDITED:
        certificate = current_certificate(premises.certificates)
        return f"Accredited until {in_words(certificate.expires_on)}"
    if status == P.SUBMITTED:
        return "Submitted: waiting for an officer's review"
    return status.label


def renew_by(certificate: Certificate | None, status: PremisesStatus, today: date, window_days: int) -> date | None:
    """The day to renew by, once renewal has opened for an accredited premises."""
    if status != P.ACCREDITED or today < renewal_opens_on(certificate, window_days):
        return None
    return certificate.expires_on


def summarise(premises: Premises, actions: list[Action], today: date,
              certificate_row: CertificateRow | None = None,
              standards_changes: StandardsChanges | None = None,
              renewal_window_days: int = DEFAULTS.renewal_window_days) -> PremisesSummary:
    certificate = current_certificate(premises.certificates)
    status = premises_status(premises.status, certificate, today)
    readiness = None
    if status == P.ACCREDITED and premises.ready_until is not None and premises.ready_until < today:
        readiness = readiness_of(premises, today)
    return PremisesSummary(
        premises=premises,
        status=status,
        status_words=status_in_words(premises, status),
        next_step=NEXT_STEPS[status],
        actions=[OpenAction(action, is_overdue(action.status, action.due_on, today))
                 for action in sorted(actions, key=lambda a: a.due_on)],
        certificate_row=certificate_row,
        standards_changes=standards_changes,
        renew_by=renew_by(certificate, status, today, renewal_window_days),
        readiness=readiness,
    )


def home_for(user: User, today: date) -> list[PremisesSummary]:
    premises_list = premises_of(user)
    ids = [premises.id for premises in premises_list]
    if ids:  # each premises' status comes from its certificates: one statement for them all
        db.session.scalars(db.select(Premises).where(Premises.id.in_(ids))
                           .options(selectinload(Premises.certificates))).all()
    actions: dict[int, list[Action]] = {premises_id: [] for premises_id in ids}
    if ids:
        open_actions = db.session.scalars(
            db.select(Action).where(Action.premises_id.in_(ids), open_clause())
        )
        for action in open_actions:
            actions[action.premises_id].append(action)
    certificates = current_certificate_rows(ids, today)
    window = settings.load().renewal_window_days
    return [summarise(premises, actions[premises.id], today, certificates.get(premises.id),
                      _changes_since_pledge(premises), window)
            for premises in premises_list]


def _changes_since_pledge(premises: Premises) -> StandardsChanges | None:
    if premises.status != ApplicationStatus.MEMBER:
        return None
    latest = db.session.scalar(
        db.select(Pledge.standards_version_id).where(Pledge.premises_id == premises.id)
        .order_by(Pledge.pledged_at.desc(), Pledge.id.desc()).limit(1)
    )
    return standards_changes_since(latest) if latest is not None else None
