from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovCheckboxesInput, GovSubmitInput
from wtforms import SelectMultipleField, SubmitField
from wtforms.fields.choices import SelectChoice

from scheme.enums import BUSINESS_REMINDER_KINDS


class ReminderPreferencesForm(FlaskForm):
    kinds = SelectMultipleField(
        "Which reminders do you want to receive?", widget=GovCheckboxesInput(),
        description="Emails about officers' decisions on your premises always come.",
        choices=[SelectChoice(kind.value, kind.label) for kind in BUSINESS_REMINDER_KINDS],
        validate_choice=True)
    submit = SubmitField("Save my choices", widget=GovSubmitInput())
