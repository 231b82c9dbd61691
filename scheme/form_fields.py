"""Field helpers, and the button-only form, that every area's forms share."""

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovDateInput, GovSubmitInput
from wtforms import DateField, SubmitField
from wtforms.fields.choices import SelectChoice

from scheme.enums import JobRole

EMAIL_FORMAT = "Enter an email address in the correct format, like name@example.com"


def strip(value):
    """A filter: surrounding spaces are never part of what was meant."""
    return value.strip() if isinstance(value, str) else value


class GovDateField(DateField):
    """A GOV.UK date input: day, month and year posted under one name."""

    def __init__(self, label, *, invalid_message: str, **kwargs):
        super().__init__(label, format="%d %m %Y", widget=GovDateInput(), **kwargs)
        self.invalid_message = invalid_message

    def process_formdata(self, valuelist):
        if not valuelist:
            self.raw_data = None  # not posted at all: the widget expects three parts or none
            return
        if not any(part.strip() for part in valuelist):
            self.data = None
            return
        try:
            super().process_formdata([" ".join(part.strip() for part in valuelist)])
        except ValueError:
            raise ValueError(self.invalid_message) from None


def job_role_choices() -> list[SelectChoice]:
    return [SelectChoice(role.value, role.label) for role in JobRole]


class ConfirmForm(FlaskForm):
    """A button and nothing else; each page gives it its own words (approve, finish, issue, renew)."""

    submit = SubmitField("Continue", widget=GovSubmitInput())
