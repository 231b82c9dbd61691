"""Training modules, managed by admins."""

from dataclasses import dataclass

from scheme.domain import audit_log
from scheme.domain.access import require_admin
from scheme.domain.errors import DomainError
from scheme.domain.lookup import get_or_not_found
from scheme.domain.transaction import service
from scheme.enums import JobRole
from scheme.extensions import db
from scheme.models import TrainingModule, User


@dataclass(frozen=True)
class ModuleDetails:
    title: str
    provider: str
    description: str
    url: str
    validity_months: int
    required_roles: list[str]
    equivalent_allowed: bool
    active: bool = True
    business_records_need_approval: bool = False


def all_modules() -> list[TrainingModule]:
    return list(db.session.scalars(
        db.select(TrainingModule).order_by(TrainingModule.active.desc(), TrainingModule.title)
    ))


def module(module_id: int) -> TrainingModule:
    found = get_or_not_found(TrainingModule, module_id, "There is no such training module")
    return found


def _apply(target: TrainingModule, details: ModuleDetails) -> None:
    known = {role.value for role in JobRole}
    unknown = [role for role in details.required_roles if role not in known]
    if unknown:
        raise DomainError(f"Unknown job role: {', '.join(unknown)}")
    if details.validity_months < 0:
        raise DomainError("Validity must be 0 months or more")
    target.title = details.title
    target.provider = details.provider
    target.description = details.description
    target.url = details.url
    target.validity_months = details.validity_months
    target.required_roles = [role.value for role in JobRole if role.value in details.required_roles]
    target.equivalent_allowed = details.equivalent_allowed
    target.business_records_need_approval = details.business_records_need_approval
    target.active = details.active


@service
def add_module(actor: User, details: ModuleDetails) -> TrainingModule:
    require_admin(actor)
    created = TrainingModule()
    _apply(created, details)
    db.session.add(created)
    db.session.flush()
    audit_log.record(actor, "training_module.added", subject=f"training_module:{created.id}", details=created.title)
    return created


@service
def update_module(actor: User, module_id: int, details: ModuleDetails) -> TrainingModule:
    require_admin(actor)
    # Changing validity does not change records already taken: their expiry was fixed then.
    target = module(module_id)
    _apply(target, details)
    audit_log.record(actor, "training_module.changed", subject=f"training_module:{target.id}", details=target.title)
    return target
