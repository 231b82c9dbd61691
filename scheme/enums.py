"""Every status and kind in the scheme, in one place: the models store them, and every layer
reads them from here (so views and forms need nothing from scheme.models)."""

import enum


class Role(enum.StrEnum):
    ADMIN = "admin"
    OFFICER = "officer"
    BUSINESS = "business"

    @property
    def is_staff(self) -> bool:
        return self in STAFF_ROLES


# The scheme's own staff: they see every premises and do the officers' work.
STAFF_ROLES = (Role.ADMIN, Role.OFFICER)


class PremisesType(enum.StrEnum):
    HOTEL = "hotel"
    TAKEAWAY = "takeaway"
    TAXI = "taxi"
    PUB = "pub"
    SHOP = "shop"
    TRANSPORT = "transport"
    OTHER = "other"

    @property
    def label(self) -> str:
        return PREMISES_TYPE_LABELS[self]


PREMISES_TYPE_LABELS = {
    PremisesType.HOTEL: "Hotel or B&B",
    PremisesType.TAKEAWAY: "Takeaway or restaurant",
    PremisesType.TAXI: "Taxi or private hire operator",
    PremisesType.PUB: "Pub, bar or club",
    PremisesType.SHOP: "Shop or off-licence",
    PremisesType.TRANSPORT: "Transport hub or station",
    PremisesType.OTHER: "Other",
}


class ApplicationStatus(enum.StrEnum):
    """Where a premises is in joining the scheme. Accreditation is derived from certificates."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    CHANGES_REQUESTED = "changes_requested"
    REJECTED = "rejected"
    MEMBER = "member"

    @property
    def label(self) -> str:
        return {"draft": "a draft", "submitted": "submitted", "changes_requested": "waiting for changes",
                "rejected": "rejected", "member": "a member"}[self.value]


class StandardsVersionStatus(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"


class AssessmentKind(enum.StrEnum):
    SELF = "self"
    AUDIT = "audit"
    TEST_VISIT = "test_visit"


class Answer(enum.StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    NOT_APPLICABLE = "not_applicable"

    @property
    def label(self) -> str:
        return {"met": "Met", "not_met": "Not met", "not_applicable": "Not applicable"}[self.value]


class Outcome(enum.StrEnum):
    PASS = "pass"
    PASS_WITH_ACTIONS = "pass_with_actions"
    FAIL = "fail"

    @property
    def label(self) -> str:
        return {"pass": "Pass", "pass_with_actions": "Pass with actions", "fail": "Fail"}[self.value]


class ActionStatus(enum.StrEnum):
    OPEN = "open"
    DONE = "done"  # the business says it is done; an officer verifies
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return {"open": "Open", "done": "Done, waiting for an officer to check", "closed": "Closed"}[self.value]


class JobRole(enum.StrEnum):
    RECEPTION = "reception"
    NIGHT_MANAGER = "night_manager"
    DRIVER = "driver"
    BAR_STAFF = "bar_staff"
    KITCHEN = "kitchen"
    MANAGER = "manager"
    OTHER = "other"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class TrainingEvidence(enum.StrEnum):
    SCHEME_SESSION = "scheme_session"
    ONLINE_CERTIFICATE = "online_certificate"
    EQUIVALENT_APPROVED = "equivalent_approved"
    IMPORTED = "imported"  # from a business's own training system, by CSV

    @property
    def label(self) -> str:
        return {
            "scheme_session": "Scheme training session",
            "online_certificate": "Online course certificate",
            "equivalent_approved": "Equivalent course",
            "imported": "Imported from the business's records",
        }[self.value]


class CertificateStatus(enum.StrEnum):
    """What an officer did to a certificate. Expiry is a date comparison, never stored."""

    ACTIVE = "active"
    SUSPENDED = "suspended"
    REVOKED = "revoked"
    SUPERSEDED = "superseded"

    @property
    def label(self) -> str:
        return {"active": "Active", "suspended": "Suspended", "revoked": "Revoked",
                "superseded": "Replaced by a newer certificate"}[self.value]


class StickerPrint(enum.StrEnum):
    """Why a batch of stickers was printed."""

    SINGLE = "single"  # one sticker, by an officer or the business
    AREA = "area"  # every valid certificate of an area, by an officer
    REPLACEMENT = "replacement"  # in place of a damaged or lost one, which must then come down

    @property
    def label(self) -> str:
        return {"single": "Printed on its own", "area": "Printed with its area",
                "replacement": "Replacement"}[self.value]


class StickerStatus(enum.StrEnum):
    """What became of a printed sticker. Whether it should come down is derived from its
    certificate and from any replacement, never stored."""

    ON_DISPLAY = "on_display"
    REMOVED = "removed"  # taken down: confirmed by the business or seen by an officer
    LOST = "lost"
    DESTROYED = "destroyed"

    @property
    def label(self) -> str:
        return {"on_display": "Printed", "removed": "Taken down", "lost": "Lost",
                "destroyed": "Destroyed"}[self.value]


class StickerReportReason(enum.StrEnum):
    """The one question on the public page's "This sticker looks wrong"."""

    WRONG_PLACE = "wrong_place"
    DAMAGED_OR_ALTERED = "damaged_or_altered"
    PREMISES_CLOSED = "premises_closed"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {"wrong_place": "It is in the wrong place", "damaged_or_altered": "It looks damaged or altered",
                "premises_closed": "The premises has closed", "other": "Something else"}[self.value]


class RouteKind(enum.StrEnum):
    PHONE = "phone"
    TEXT = "text"
    WEB = "web"


class ReminderKind(enum.StrEnum):
    CERTIFICATE_EXPIRY = "certificate_expiry"
    ACTION_DUE = "action_due"
    TRAINING_EXPIRY = "training_expiry"
    CHANGES_DUE = "changes_due"
    VISIT_DUE = "visit_due"  # officers only, in their daily digest
    OFFICER_DIGEST = "officer_digest"  # one a day per officer and area: the digest itself

    @property
    def label(self) -> str:
        return REMINDER_KIND_LABELS[self]


REMINDER_KIND_LABELS = {
    ReminderKind.CERTIFICATE_EXPIRY: "Your certificate is about to expire",
    ReminderKind.ACTION_DUE: "Actions due soon or overdue",
    ReminderKind.TRAINING_EXPIRY: "Staff training about to expire or expired",
    ReminderKind.CHANGES_DUE: "The deadline for changes to your application",
    ReminderKind.VISIT_DUE: "Visits due",
    ReminderKind.OFFICER_DIGEST: "Officers' daily digest",
}

# The kinds a business user may switch off; decision emails always go.
BUSINESS_REMINDER_KINDS = (ReminderKind.CERTIFICATE_EXPIRY, ReminderKind.ACTION_DUE,
                           ReminderKind.TRAINING_EXPIRY, ReminderKind.CHANGES_DUE)
