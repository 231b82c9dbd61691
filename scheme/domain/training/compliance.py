"""Compliance read from the database: a few set-based queries, then the rule in Python.

The number of queries does not depend on how many premises, staff or records there are, so
the officers' "training lapsed" queue stays fast as the scheme grows.
"""

from dataclasses import dataclass
from datetime import date

from scheme.domain import settings
from scheme.domain.training.rule import (
    Compliance,
    ModuleFacts,
    RecordFacts,
    StaffFacts,
    evaluate,
)
from scheme.domain.training.staff import active_clause
from scheme.enums import ApplicationStatus, TrainingEvidence
from scheme.extensions import db
from scheme.models import Premises, StaffMember, TrainingModule, TrainingRecord


@dataclass(frozen=True)
class PremisesCompliance:
    premises_id: int
    name: str
    area: str
    compliance: Compliance


MEMBER_PREMISES = db.select(Premises.id).where(Premises.status == ApplicationStatus.MEMBER)


def compliance_for(premises_id: int, on: date) -> Compliance:
    return _evaluate_many([premises_id], [premises_id], on)[premises_id]


def compliance_by_premises(premises_ids: list[int], on: date) -> dict[int, Compliance]:
    return _evaluate_many(premises_ids, premises_ids, on)


def non_compliant_premises(on: date) -> list[PremisesCompliance]:
    """Member premises that are not training-compliant on the date, by name: the "training
    lapsed" work queue."""
    members = db.session.execute(
        db.select(Premises.id, Premises.name, Premises.trading_name, Premises.area)
        .where(Premises.status == ApplicationStatus.MEMBER)
    ).all()
    results = _evaluate_many([row.id for row in members], MEMBER_PREMISES, on)
    queue = [
        PremisesCompliance(row.id, row.trading_name or row.name, row.area, results[row.id])
        for row in members
        if not results[row.id].compliant
    ]
    return sorted(queue, key=lambda item: (item.name.casefold(), item.premises_id))


def trained_staff_figures(on: date) -> tuple[int, int]:
    """(active staff holding all their required valid training, active staff) over member premises."""
    results = _evaluate_many(list(db.session.scalars(MEMBER_PREMISES)), MEMBER_PREMISES, on)
    return (
        sum(result.active_trained for result in results.values()),
        sum(result.active_staff for result in results.values()),
    )


def _evaluate_many(ids: list[int], scope, on: date) -> dict[int, Compliance]:
    """Compliance for each premises id; scope selects the same premises in SQL (a list of ids,
    or a subquery, so that thousands of premises do not become thousands of parameters)."""
    scheme_settings = settings.load()
    modules = [
        ModuleFacts(row.id, row.title, frozenset(row.required_roles or ()), row.active)
        for row in db.session.execute(
            db.select(TrainingModule.id, TrainingModule.title, TrainingModule.required_roles, TrainingModule.active)
            .where(TrainingModule.active.is_(True))
        )
    ]
    in_scope = scope
    # Only people on the staff on the date matter (leavers and future starters stay listed).
    on_the_staff = active_clause(on)
    staff_rows = db.session.execute(
        db.select(StaffMember.id, StaffMember.premises_id, StaffMember.name, StaffMember.job_role,
                  StaffMember.is_safeguarding_lead, StaffMember.started_on, StaffMember.left_on)
        .where(StaffMember.premises_id.in_(in_scope), on_the_staff)
    ).all()
    record_rows = db.session.execute(
        db.select(TrainingRecord.staff_member_id, TrainingRecord.module_id, TrainingRecord.completed_on,
                  TrainingRecord.expires_on, TrainingRecord.evidence, TrainingRecord.approved_by_id)
        .join(StaffMember, StaffMember.id == TrainingRecord.staff_member_id)
        .where(StaffMember.premises_id.in_(in_scope), on_the_staff, TrainingRecord.completed_on <= on)
    ).all()

    staff_by_premises: dict[int, list[StaffFacts]] = {premises_id: [] for premises_id in ids}
    premises_of_staff = {}
    for row in staff_rows:
        premises_of_staff[row.id] = row.premises_id
        staff_by_premises.setdefault(row.premises_id, []).append(
            StaffFacts(row.id, row.name, str(row.job_role), row.is_safeguarding_lead, row.started_on, row.left_on)
        )
    records_by_premises: dict[int, list[RecordFacts]] = {premises_id: [] for premises_id in ids}
    for row in record_rows:
        pending = row.evidence == TrainingEvidence.EQUIVALENT_APPROVED and row.approved_by_id is None
        records_by_premises[premises_of_staff[row.staff_member_id]].append(
            RecordFacts(row.staff_member_id, row.module_id, row.completed_on, row.expires_on, pending)
        )
    return {
        premises_id: evaluate(
            staff_by_premises[premises_id], modules, records_by_premises.get(premises_id, ()),
            required_share=scheme_settings.required_trained_share,
            grace_weeks=scheme_settings.grace_period_weeks,
            on=on,
        )
        for premises_id in ids
    }
