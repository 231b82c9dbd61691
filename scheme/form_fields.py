"""Field helpers, and the button-only form, that every area's forms share."""

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovDateInput, GovSelect, GovSubmitInput
from wtforms import DateField, SelectField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from scheme.enums import JobRole
from scheme.ids import parse_id

YEARS = range(1900, 2200)
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
        # The widget shows back exactly three boxes: a post with more or fewer parts is shown
        # with what fits, and is not a date.
        parts = [part.strip() for part in valuelist]
        self.raw_data = (parts + ["", "", ""])[:3]
        if not any(parts):
            self.data = None
            return
        if len(parts) != 3 or not all(part.isascii() and part.isdigit() and len(part) <= 4 for part in parts):
            raise ValueError(self.invalid_message)
        try:
            super().process_formdata([" ".join(parts)])
        except ValueError:
            raise ValueError(self.invalid_message) from None
        # Year 9999 is a real date, but a year's validity after it is not: no date this
        # service records is that far from today.
        if not YEARS.start <= self.data.year < YEARS.stop:
            self.data = None
            raise ValueError(self.invalid_message)


def job_role_choices() -> list[SelectChoice]:
    return [SelectChoice(role.value, role.label) for role in JobRole]


class ConfirmForm(FlaskForm):
    """A button and nothing else; each page gives it its own words (approve, finish, issue, renew)."""

    submit = SubmitField("Continue", widget=GovSubmitInput())


def _area_id(value):
    if value in (None, ""):
        return None
    if isinstance(value, int):
        return value
    return parse_id(value)  # None (nothing chosen) for what is not an id


class AreaSelect(SelectField):
    """An area from the scheme's list, by id; the empty first choice reads as none chosen."""

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("coerce", _area_id)
        kwargs.setdefault("widget", GovSelect())
        super().__init__(label, validators, **kwargs)

    def pre_validate(self, form):
        if self.data is not None and self.data not in {choice.value for choice in self.choices}:
            raise ValidationError("Select an area from the list")
