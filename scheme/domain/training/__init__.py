"""Training: modules, staff, records, sessions, imports, and the compliance rule."""

from scheme.domain.training.compliance import (
    LapsedPremises,
    compliance_by_premises,
    compliance_for,
    kept_trained_staff_figures,
    non_compliant_premises,
    trained_staff_figures,
)
from scheme.domain.training.rule import (
    Compliance,
    Holding,
    HoldingState,
    Lapsing,
    Missing,
    ModuleFacts,
    PersonStatus,
    RecordFacts,
    StaffFacts,
    evaluate,
)

__all__ = [name for name in dir() if not name.startswith("_")]
