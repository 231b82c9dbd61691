"""Certificates: who may have one, issuing, the life cycle, numbers and public codes."""

from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from scheme.domain import audit_log, dates, settings, training
from scheme.domain.access import require_staff
from scheme.domain.certificates import printing
from scheme.domain.certificates.codes import (
    allocate_number,
    new_public_code,
    verification_url,
)
from scheme.domain.certificates.state import (
    CertificateState,
    certificate_state,
    current_certificate,
)
from scheme.domain.errors import DomainError, InvalidState, NotFound
from scheme.domain.links import external_url
from scheme.domain.lookup import get_or_not_found
from scheme.domain.notifications import tell_business
from scheme.domain.transaction import service
from scheme.domain.visits import actions
from scheme.enums import ApplicationStatus, AssessmentKind, CertificateStatus, Outcome
from scheme.extensions import db
from scheme.models import (
    Action,
    Assessment,
    Certificate,
    Premises,
    User,
)
from scheme.models.base import utcnow


class NotEligible(DomainError):
    pass


CHANGES_ARE_FOR_STAFF = "Only officers and administrators issue or change certificates"


def renewal_opens_on(certificate: Certificate, window_days: int) -> date:
    return certificate.expires_on - timedelta(days=window_days)


# -- Eligibility ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Condition:
    key: str  # member, audit, actions, training
    met: bool
    label: str
    detail: str


@dataclass(frozen=True)
class Eligibility:
    conditions: tuple[Condition, ...]

    @property
    def eligible(self) -> bool:
        return all(condition.met for condition in self.conditions)

    @property
    def unmet(self) -> list[Condition]:
        return [condition for condition in self.conditions if not condition.met]


def latest_audit(premises_id: int) -> Assessment | None:
    return db.session.scalar(
        sa.select(Assessment)
        .where(Assessment.premises_id == premises_id, Assessment.kind == AssessmentKind.AUDIT,
               Assessment.completed_at.is_not(None))
        .order_by(Assessment.completed_at.desc(), Assessment.id.desc())
        .limit(1)
    )


def overdue_actions(premises_id: int, today: date) -> list[Action]:
    return list(db.session.scalars(
        sa.select(Action)
        .where(Action.premises_id == premises_id, actions.overdue_clause(today))
        .order_by(Action.due_on)
    ))


def training_compliant(premises_id: int, on: date) -> bool:
    return training.compliance_for(premises_id, on).compliant


def judge_eligibility(*, is_member: bool, audit: Assessment | None, overdue: int,
                      trained: bool) -> Eligibility:
    """The conditions for issuing, each met or not, from facts already gathered."""
    if audit is None:
        audit_condition = Condition("audit", False, "The latest officer audit passed",
                                    "No officer audit has been completed yet.")
    else:
        passed = audit.outcome in (Outcome.PASS, Outcome.PASS_WITH_ACTIONS)
        when = audit.visit_date or audit.completed_at.date()
        outcome = audit.outcome.value.replace("_", " ") if audit.outcome else "no outcome"
        audit_condition = Condition("audit", passed, "The latest officer audit passed",
                                    f"The audit on {dates.in_words(when)} ended: {outcome}.")
    return Eligibility((
        Condition("member", is_member, "The premises is a member of the scheme",
                  "Its application was approved." if is_member else "Its application has not been approved."),
        audit_condition,
        Condition("actions", overdue == 0, "No actions are overdue",
                  "None." if overdue == 0 else f"{overdue} action{'s' if overdue != 1 else ''} past the due date."),
        Condition("training", trained, "Staff training meets the scheme's rule",
                  "The safeguarding lead and enough staff hold valid training." if trained
                  else "The safeguarding lead or too few staff hold valid training."),
    ))


def eligibility(premises: Premises, today: date) -> Eligibility:
    return judge_eligibility(
        is_member=premises.status == ApplicationStatus.MEMBER,
        audit=latest_audit(premises.id),
        overdue=len(overdue_actions(premises.id, today)),
        trained=training_compliant(premises.id, today),
    )


# -- Reading --------------------------------------------------------------------------------

def get_certificate(certificate_id: int) -> Certificate:
    """The certificate with its premises (every page and PDF of a certificate names it)."""
    certificate = db.session.scalar(sa.select(Certificate).where(Certificate.id == certificate_id)
                                    .options(joinedload(Certificate.premises)))
    if certificate is None:
        raise NotFound("There is no such certificate")
    return certificate


def certificates_of(premises_id: int) -> list[Certificate]:
    return list(db.session.scalars(
        sa.select(Certificate).where(Certificate.premises_id == premises_id).order_by(Certificate.id.desc())
    ))


def can_renew(certificate: Certificate, today: date, window_days: int) -> bool:
    return (certificate.status == CertificateStatus.ACTIVE
            and today >= renewal_opens_on(certificate, window_days))


# -- Issuing and the life cycle ---------------------------------------------------------------

def _check_eligible(premises: Premises, today: date) -> None:
    result = eligibility(premises, today)
    if not result.eligible:
        raise NotEligible("This premises cannot be issued a certificate yet: "
                          + "; ".join(c.detail.rstrip(".").lower() for c in result.unmet) + ".")


def new_certificate(premises: Premises, number: str, actor: User, today: date,
                    base_url: str) -> Certificate:
    """A certificate row with its QR made, without the rules: issue_certificate and
    renew_certificate check them first."""
    validity = settings.load().certificate_validity_months
    code = new_public_code()
    while db.session.scalar(sa.select(Certificate.id).where(Certificate.public_code == code)) is not None:
        code = new_public_code()
    certificate = Certificate(
        premises_id=premises.id, number=number, public_code=code, issued_on=today,
        expires_on=dates.certificate_expiry(today, validity), status=CertificateStatus.ACTIVE,
        status_changed_at=utcnow(), issued_by_id=actor.id,
        qr_svg=printing.qr_svg(verification_url(base_url, code)),
    )
    db.session.add(certificate)
    db.session.flush()
    return certificate


def _live_certificate(premises_id: int) -> Certificate | None:
    return current_certificate(certificates_of(premises_id))


@service
def issue_certificate(premises_id: int, *, actor: User, today: date, base_url: str) -> Certificate:
    # The number is taken first, so on SQLite the write lock is the transaction's first lock:
    # a transaction that reads and then writes can be refused while another one writes.
    # Refusing to issue (the actor included) rolls the counter back with everything else.
    number = allocate_number(today.year)
    require_staff(actor, CHANGES_ARE_FOR_STAFF)
    premises = get_or_not_found(Premises, premises_id, "There is no such premises")
    live = _live_certificate(premises_id)
    if live is not None and certificate_state(live, today) in (CertificateState.VALID, CertificateState.SUSPENDED):
        raise InvalidState(f"This premises already holds certificate {live.number}: renew or revoke it instead")
    _check_eligible(premises, today)
    certificate = new_certificate(premises, number, actor, today, base_url)
    audit_log.record(actor, "certificate.issued", premises_id=premises_id, subject=f"certificate:{certificate.id}",
                 details=f"{certificate.number}, valid until {dates.in_words(certificate.expires_on)}")
    _tell_issued(premises, certificate, renewed=False)
    return certificate


def _tell_issued(premises: Premises, certificate: Certificate, *, renewed: bool) -> None:
    tell_business(premises, "certificate_issued", certificate=certificate, renewed=renewed,
                  link=external_url("business.premises_certificate", premises_id=premises.id))


@service
def renew_certificate(certificate_id: int, *, actor: User, today: date, base_url: str) -> Certificate:
    number = allocate_number(today.year)  # first, as in issue_certificate
    require_staff(actor, CHANGES_ARE_FOR_STAFF)
    old = get_certificate(certificate_id)
    window = settings.load().renewal_window_days
    if old.status != CertificateStatus.ACTIVE:
        raise InvalidState(f"Certificate {old.number} is {old.status.value}: only an active certificate can be renewed")
    if not can_renew(old, today, window):
        opens = renewal_opens_on(old, window)
        raise InvalidState(f"Renewal opens on {dates.in_words(opens)}, {window} days before the certificate expires")
    _check_eligible(old.premises, today)
    new = new_certificate(old.premises, number, actor, today, base_url)
    supersede(old, new)
    audit_log.record(actor, "certificate.renewed", premises_id=old.premises_id, subject=f"certificate:{new.id}",
                 details=f"{new.number} replaces {old.number}")
    _tell_issued(old.premises, new, renewed=True)
    return new


def supersede(old: Certificate, new: Certificate) -> None:
    old.status = CertificateStatus.SUPERSEDED
    old.status_changed_at = utcnow()
    old.status_reason = f"Renewed: replaced by {new.number}"
    old.superseded_by_id = new.id


def _change_status(certificate: Certificate, status: CertificateStatus, reason: str) -> None:
    certificate.status = status
    certificate.status_changed_at = utcnow()
    certificate.status_reason = reason.strip()


def _require_reason(reason: str) -> None:
    if not reason.strip():
        raise DomainError("Enter the reason")


@service
def suspend_certificate(certificate_id: int, *, actor: User, reason: str, today: date) -> Certificate:
    require_staff(actor, CHANGES_ARE_FOR_STAFF)
    _require_reason(reason)
    certificate = get_certificate(certificate_id)
    if certificate_state(certificate, today) != CertificateState.VALID:
        raise InvalidState(f"Certificate {certificate.number} is not in force, so it cannot be suspended")
    _change_status(certificate, CertificateStatus.SUSPENDED, reason)
    audit_log.record(actor, "certificate.suspended", premises_id=certificate.premises_id,
                 subject=f"certificate:{certificate.id}", details=reason.strip())
    tell_business(certificate.premises, "certificate_suspended", certificate=certificate, reason=reason.strip())
    return certificate


@service
def reinstate_certificate(certificate_id: int, *, actor: User, today: date) -> Certificate:
    require_staff(actor, CHANGES_ARE_FOR_STAFF)
    certificate = get_certificate(certificate_id)
    if certificate.status != CertificateStatus.SUSPENDED:
        raise InvalidState(f"Certificate {certificate.number} is not suspended")
    _change_status(certificate, CertificateStatus.ACTIVE, "")
    audit_log.record(actor, "certificate.reinstated", premises_id=certificate.premises_id,
                 subject=f"certificate:{certificate.id}")
    tell_business(certificate.premises, "certificate_reinstated", certificate=certificate)
    return certificate


@service
def revoke_certificate(certificate_id: int, *, actor: User, reason: str) -> Certificate:
    require_staff(actor, CHANGES_ARE_FOR_STAFF)
    _require_reason(reason)
    certificate = get_certificate(certificate_id)
    if certificate.status not in (CertificateStatus.ACTIVE, CertificateStatus.SUSPENDED):
        raise InvalidState(f"Certificate {certificate.number} is {certificate.status.value} and cannot be revoked")
    _change_status(certificate, CertificateStatus.REVOKED, reason)
    audit_log.record(actor, "certificate.revoked", premises_id=certificate.premises_id,
                 subject=f"certificate:{certificate.id}", details=reason.strip())
    tell_business(certificate.premises, "certificate_revoked", certificate=certificate, reason=reason.strip())
    return certificate


@service
def record_replacement_sticker(certificate_id: int, *, actor: User, today: date) -> Certificate:
    require_staff(actor, CHANGES_ARE_FOR_STAFF)
    certificate = get_certificate(certificate_id)
    if certificate_state(certificate, today) != CertificateState.VALID:
        raise InvalidState(f"Certificate {certificate.number} is not valid: a sticker for it would mislead")
    certificate.sticker_reprints += 1
    audit_log.record(actor, "certificate.sticker_reprinted", premises_id=certificate.premises_id,
                 subject=f"certificate:{certificate.id}", details=f"reprint {certificate.sticker_reprints}")
    return certificate

