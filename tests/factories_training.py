"""Factories for training data: records, and whole premises with a trained or untrained team."""

from datetime import date, timedelta

from scheme.enums import ApplicationStatus, JobRole, TrainingEvidence
from scheme.extensions import db
from scheme.models import Premises, StaffMember, TrainingModule, TrainingRecord
from tests import factories


def make_record(staff: StaffMember, module: TrainingModule, *, completed_on: date, expires_on: date | None = None,
                evidence: TrainingEvidence = TrainingEvidence.IMPORTED, **fields) -> TrainingRecord:
    record = TrainingRecord(staff_member_id=staff.id, module_id=module.id, completed_on=completed_on,
                            expires_on=expires_on, evidence=evidence, **fields)
    db.session.add(record)
    db.session.commit()
    return record


def make_team(modules: list[TrainingModule], *, on: date, size: int = 3, trained: bool = True,
              status: ApplicationStatus = ApplicationStatus.MEMBER, **premises_fields) -> Premises:
    """A premises with a lead and size-1 more staff, all trained (or nobody) in every module.

    Adds everything in one commit so that large sizes stay quick to build.
    """
    premises = factories.make_premises(status=status, **premises_fields)
    started = on - timedelta(days=400)
    for n in range(size):
        person = StaffMember(premises_id=premises.id, name=f"Staff {premises.id}-{n}",
                             job_role=JobRole.MANAGER if n == 0 else JobRole.RECEPTION,
                             is_safeguarding_lead=n == 0, started_on=started)
        if trained:
            person.records = [
                TrainingRecord(module_id=module.id, completed_on=on - timedelta(days=30),
                               expires_on=on + timedelta(days=300), evidence=TrainingEvidence.IMPORTED)
                for module in modules
            ]
        db.session.add(person)
    db.session.commit()
    return premises
