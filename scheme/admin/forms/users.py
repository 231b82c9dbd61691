from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovRadioInput,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import EmailField, IntegerField, RadioField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Optional

from scheme.enums import Role
from scheme.form_fields import EMAIL_FORMAT, strip


class InviteForm(FlaskForm):
    name = StringField("Full name", widget=GovTextInput(), filters=[strip],
                       validators=[DataRequired("Enter their full name"),
                                   Length(max=200, message="The name must be 200 characters or fewer")])
    email = EmailField("Email address", widget=GovTextInput(), filters=[strip],
                       validators=[DataRequired("Enter their email address"),
                                   Email(EMAIL_FORMAT)])
    role = RadioField("Role", widget=GovRadioInput(),
                      choices=[SelectChoice(Role.OFFICER.value, "Officer"),
                               SelectChoice(Role.ADMIN.value, "Administrator: also manages users, standards and settings")],
                      validators=[InputRequired("Select the role")])
    submit = SubmitField("Send invitation", widget=GovSubmitInput())



class _WholeNumber(IntegerField):
    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(f"Enter the {self.label.text.lower()} as a whole number") from None


def _number(label: str, low: int, high: int, hint: str = ""):
    # NumberRange fills its message in with %, so a label's own "%" must be escaped.
    out_of_range = f"The {label.lower()} must be between {low} and {high}".replace("%", "%%")
    return _WholeNumber(label, widget=GovTextInput(), description=hint,
                        validators=[InputRequired(f"Enter the {label.lower()}"),
                                    NumberRange(low, high, message=out_of_range)])


class SettingsForm(FlaskForm):
    # The page lists these by name: their field type's name is _WholeNumber, not IntegerField.
    rule_fields = ("required_trained_share", "grace_period_weeks", "certificate_validity_months",
                   "visit_interval_months", "visit_interval_after_fail_months", "renewal_window_days",
                   "readiness_grace_days", "staff_retention_months", "sent_email_retention_days")
    required_trained_share = _number("Share of staff who must be trained (%)", 0, 100)
    grace_period_weeks = _number("Grace period for new staff (weeks)", 0, 52)
    certificate_validity_months = _number("Certificate validity (months)", 1, 60)
    visit_interval_months = _number("Months between audit visits", 1, 60)
    visit_interval_after_fail_months = _number("Months to the next visit after a failed one", 1, 24)
    renewal_window_days = _number("Renewal window (days before expiry)", 0, 365)
    readiness_grace_days = _number("Days an at-risk premises keeps its accreditation", 0, 90,
                                   "After this, the public page says it is suspended pending checks")
    staff_retention_months = _number("Months a leaver's name and certificates are kept", 1, 120)
    sent_email_retention_days = _number("Days the text of a sent email is kept", 1, 3650)
    council_name = StringField(
        "Name of the council that runs the scheme", widget=GovTextInput(), filters=[strip],
        description="Every email, the privacy notice and the accessibility statement name it",
        validators=[DataRequired("Enter the name of the council"),
                    Length(max=200, message="The name must be 200 characters or fewer")])
    contact_email = EmailField(
        "Contact email address", widget=GovTextInput(), filters=[strip],
        description="Replies to the scheme's emails go here",
        validators=[DataRequired("Enter the contact email address"), Email(EMAIL_FORMAT),
                    Length(max=200, message="The email address must be 200 characters or fewer")])
    contact_phone = StringField("Contact phone number", widget=GovTextInput(), filters=[strip],
                                validators=[Optional(), Length(max=40, message="The phone number must be 40 characters or fewer")])
    postal_address = TextAreaField("Postal address", widget=GovTextArea(), filters=[strip],
                                   validators=[Optional(), Length(max=200, message="The postal address must be 200 characters or fewer")])
    submit = SubmitField("Save settings", widget=GovSubmitInput())
