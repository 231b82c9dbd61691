"""Small helpers shared by the training services."""

from datetime import date

from scheme.domain import dates
from scheme.domain.errors import DomainError
from scheme.domain.lookup import get_or_not_found
from scheme.enums import JobRole
from scheme.extensions import db
from scheme.models import StaffMember, TrainingModule


def expiry_for(module: TrainingModule, completed_on: date) -> date | None:
    """dates.training_expiry, with the module's validity."""
    return dates.training_expiry(completed_on, module.validity_months)


def get_module(module_id: int, *, active_only: bool = True) -> TrainingModule:
    module = db.session.get(TrainingModule, module_id)
    if module is None or (active_only and not module.active):
        raise DomainError("Select a training module from the list")
    return module


def get_staff(staff_id: int) -> StaffMember:
    person = get_or_not_found(StaffMember, staff_id, "There is no such member of staff")
    return person


def job_role_from(value: str) -> JobRole:
    """A job role from its value or its label, as typed in a form or a CSV."""
    cleaned = value.strip().casefold().replace(" ", "_").replace("-", "_")
    for role in JobRole:
        if cleaned in (role.value, role.label.casefold().replace(" ", "_")):
            return role
    raise DomainError(f"job role {value!r} is not one of: " + ", ".join(role.label.lower() for role in JobRole))


def active_modules() -> list[TrainingModule]:
    return list(db.session.scalars(
        db.select(TrainingModule).where(TrainingModule.active.is_(True)).order_by(TrainingModule.title)
    ))
