"""Everything an officer sees about one premises, gathered in a handful of queries."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import joinedload, selectinload

from scheme.domain import audit_log
from scheme.domain.certificates.state import current_certificate
from scheme.domain.lookup import load_related
from scheme.domain.premises.readiness import Readiness, readiness_of
from scheme.domain.premises.search import PENDING_CHECKS_LABEL
from scheme.domain.premises.status import PremisesStatus, premises_status
from scheme.domain.training import Compliance, compliance_for
from scheme.domain.visits.actions import actions_for_premises
from scheme.domain.visits.audits import visit_in_progress
from scheme.extensions import db
from scheme.models import (
    Action,
    Assessment,
    AuditLogEntry,
    Certificate,
    Pledge,
    Premises,
)

STATUS_ACTIONS = ("application.", "certificate.", "premises.")


@dataclass
class PremisesSummary:
    status: PremisesStatus
    pledges: list[Pledge]
    assessments: list[Assessment]
    visit_in_progress: Assessment | None
    actions: list[Action]
    certificates: list[Certificate]
    log: list[tuple[AuditLogEntry, str]]
    compliance: Compliance
    readiness: Readiness

    @property
    def status_label(self) -> str:
        """As the officers' list says it: accredited, unless the public page says suspended pending checks."""
        if self.status == PremisesStatus.ACCREDITED and self.readiness.suspended:
            return PENDING_CHECKS_LABEL
        return self.status.label

    @property
    def status_history(self) -> list[tuple[AuditLogEntry, str]]:
        return [(e, who) for e, who in self.log if e.action.startswith(STATUS_ACTIONS) or e.action == "premises.submitted"]


def summary(premises: Premises, today: date) -> PremisesSummary:
    certificates = list(load_related(premises, selectinload(Premises.certificates)).certificates)
    return PremisesSummary(
        status=premises_status(premises.status, current_certificate(certificates), today),
        pledges=list(db.session.scalars(db.select(Pledge).where(Pledge.premises_id == premises.id)
                                        .options(joinedload(Pledge.standards_version))
                                        .order_by(Pledge.pledged_at.desc()))),
        assessments=list(db.session.scalars(db.select(Assessment).where(Assessment.premises_id == premises.id)
                                            .options(joinedload(Assessment.standards_version))
                                            .order_by(Assessment.id.desc()))),
        visit_in_progress=visit_in_progress(premises.id),
        actions=actions_for_premises(premises.id),
        certificates=sorted(certificates, key=lambda c: c.id, reverse=True),
        log=audit_log.premises_history(premises.id),
        compliance=compliance_for(premises.id, today),
        readiness=readiness_of(premises, today),
    )
