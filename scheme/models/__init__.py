"""The scheme's data model. Import models from here."""

from scheme.models.areas import Area, AreaDistrict, OfficerArea
from scheme.models.assessments import (
    Action,
    Assessment,
    AssessmentAnswer,
    EvidencePhoto,
    TestVisitCheck,
)
from scheme.models.base import Base
from scheme.models.certificates import (
    Certificate,
    CertificateCounter,
    ScanCount,
    Sticker,
    StickerBatch,
    StickerReport,
)
from scheme.models.figures import KeptMonth, KeptMonthFigures
from scheme.models.premises import Pledge, Premises
from scheme.models.scheme import (
    AuditLogCheck,
    AuditLogEntry,
    OutboxMessage,
    Reminder,
    ReminderOptOut,
    ReportingRoute,
    Setting,
)
from scheme.models.standards import Standard, StandardsVersion
from scheme.models.training import (
    SessionAttendee,
    StaffMember,
    StoredFile,
    TrainingModule,
    TrainingRecord,
    TrainingSession,
)
from scheme.models.users import PremisesMember, RecoveryCode, User

__all__ = [name for name in dir() if not name.startswith("_")]
