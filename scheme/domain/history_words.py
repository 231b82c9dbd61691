"""What each audit-log entry's action means, in words for the officers' histories (the premises
page, the audit log). The log keeps the short codes, which never change; pages show these."""

from scheme.domain.premises.readiness_rule import Cause

ACTION_WORDS = {
    "action.closed": "Action closed", "action.done": "Action marked done by the business",
    "action.reopened": "Action reopened",
    "area.added": "Area added", "area.changed": "Area changed", "area.deleted": "Area deleted",
    "area.reactivated": "Area offered again", "area.retired": "Area retired",
    "premises.area_changed": "Area corrected by an officer",
    "user.areas_set": "Areas looked after changed",
    "application.approved": "Application approved: now a member",
    "application.changes_requested": "Changes requested to the application",
    "application.rejected": "Application rejected",
    "certificate.issued": "Certificate issued", "certificate.reinstated": "Certificate reinstated",
    "certificate.renewed": "Certificate renewed", "certificate.revoked": "Certificate revoked",
    "certificate.sticker_reprinted": "Replacement sticker printed", "certificate.suspended": "Certificate suspended",
    "sticker.printed": "Sticker printed", "sticker.batch_printed": "Stickers printed for an area",
    "sticker.removed": "Sticker taken down", "sticker.lost": "Sticker recorded lost",
    "sticker.destroyed": "Sticker recorded destroyed",
    "premises.added": "Premises added", "premises.colleague_invited": "Colleague invited",
    "premises.colleague_joined": "Colleague joined", "premises.data_exported": "The business's data exported",
    "premises.details_saved": "Premises details saved", "premises.erased": "Premises data erased",
    "premises.exported": "Premises list exported", "premises.lead_saved": "Safeguarding lead saved",
    "premises.pledged": "Pledged to the standards", "premises.public_address_chosen": "Public address chosen",
    "premises.resubmitted": "Application sent again", "premises.self_assessment_saved": "Self-assessment saved",
    "premises.submitted": "Application submitted",
    "readiness.at_risk": "At risk: the business and officers told",
    "readiness.held": "Held as ready by an officer", "readiness.hold_ended": "Hold as ready ended",
    "readiness.suspended": "Suspended pending checks: the business and officers told",
    "reminders.chosen": "Reminder choices saved",
    "reporting_route.added": "Reporting route added", "reporting_route.changed": "Reporting route changed",
    "reporting_route.moved": "Reporting route moved",
    "retention.email_texts_erased": "Old email texts erased", "retention.staff_erased": "Former staff erased",
    "settings.changed": "Scheme settings changed",
    "staff.added": "Member of staff added", "staff.changed": "Member of staff changed",
    "standards.draft_started": "New standards version drafted", "standards.published": "Standards version published",
    "standards.reordered": "Standards reordered", "standards.standard_saved": "Standard saved",
    "test_visit.completed": "Test visit results recorded", "test_visit.recorded": "Test visit recorded",
    "test_visit.reviewed": "Failed test visit reviewed by an officer",
    "training.approved": "Training approved by an officer", "training.certificate_viewed": "Training certificate viewed",
    "training.exported": "Staff and training downloaded", "training.import_uploaded": "Training file uploaded",
    "training.imported": "Staff and training imported", "training.recorded": "Training recorded",
    "training.rejected": "Training refused by an officer", "training.staff_list_viewed": "Staff and training viewed",
    "training_module.added": "Training module added", "training_module.changed": "Training module changed",
    "training_session.added": "Training session added", "training_session.closed": "Training register closed",
    "training_session.register": "Added to a training register", "training_session.removed": "Removed from a training register",
    "user.created": "Account created", "user.deactivated": "Account deactivated",
    "user.email_confirmed": "Email address confirmed", "user.invitation_accepted": "Invitation accepted",
    "user.invited": "Officer or admin invited", "user.password_changed": "Password changed",
    "user.password_reset": "Password reset", "user.password_reset_requested": "Password reset asked for",
    "user.locked": "Account locked after repeated wrong sign-ins",
    "user.recovery_code_used": "Signed in with a recovery code",
    "user.recovery_codes_replaced": "New recovery codes made",
    "user.registration_attempted": "Someone tried to register with this address",
    "user.signed_in": "Signed in", "user.signed_out": "Signed out",
    "user.two_factor_reset": "Two-factor sign-in reset by an admin",
    "user.two_factor_set_up": "Two-factor sign-in set up",
    "user.reactivated": "Account reactivated", "user.registered": "Business account registered",
    "visit.answer_saved": "Audit answer saved", "visit.finished": "Audit visit finished",
    "visit.photo_added": "Audit photo added", "visit.photo_viewed": "Audit photo viewed",
    "visit.section_confirmed": "Audit answers confirmed as seen", "visit.started": "Audit visit started",
}


# The scheme's settings as the settings page names them, for the entry that records a change.
SETTING_WORDS = {
    "required_trained_share": "Share of staff who must be trained (%)",
    "grace_period_weeks": "Grace period for new staff (weeks)",
    "certificate_validity_months": "Certificate validity (months)",
    "visit_interval_months": "Months between audit visits",
    "visit_interval_after_fail_months": "Months to the next visit after a failed one",
    "renewal_window_days": "Renewal window (days before expiry)",
    "readiness_grace_days": "Days an at-risk premises keeps its accreditation",
    "staff_retention_months": "Months a leaver's name and certificates are kept",
    "sent_email_retention_days": "Days the text of a sent email is kept",
    "council_name": "Name of the council", "contact_email": "Contact email address",
    "contact_phone": "Contact phone number", "postal_address": "Postal address",
}


def setting_in_words(key: str) -> str:
    return SETTING_WORDS.get(key) or key.replace("_", " ").capitalize()


def action_in_words(action: str) -> str:
    """The words for an action; one not listed yet is at least written as words, not a code."""
    if action in ACTION_WORDS:
        return ACTION_WORDS[action]
    return action.replace(".", ": ").replace("_", " ").capitalize()


def details_in_words(details: str | None, action: str) -> str:
    """An entry's details as officers read them: readiness entries keep the causes' codes."""
    if not details or not action.startswith("readiness."):
        return details or ""
    try:
        return ", ".join(Cause(code.strip()).words for code in details.split(","))
    except ValueError:  # details written before the causes had codes: shown as they are
        return details
