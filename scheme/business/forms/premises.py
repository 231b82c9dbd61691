from collections.abc import Callable

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovRadioInput,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import (
    EmailField,
    HiddenField,
    IntegerField,
    RadioField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from scheme.domain.premises.applications import ANSWER_LABELS
from scheme.domain.premises.postcodes import InvalidPostcode, normalise_postcode
from scheme.enums import PremisesType
from scheme.form_fields import EMAIL_FORMAT, AreaSelect, job_role_choices, strip
from scheme.ids import parse_id

YES_NO = [SelectChoice("yes", "Yes"), SelectChoice("no", "No")]


def _text(label: str, required: str | None, max_length: int, description: str = "", *checks) -> StringField:
    validators = [InputRequired(required)] if required else [Optional()]
    validators.append(Length(max=max_length, message=f"{label} must be {max_length} characters or fewer"))
    validators.extend(checks)
    return StringField(label, widget=GovTextInput(), description=description, filters=[strip], validators=validators)


class Radios(RadioField):
    # An unanswered question gets its own GOV.UK message from InputRequired, not "Not a valid choice".
    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("invalid_choice_message", "Select one of the options")
        super().__init__(label, validators, **kwargs)

    def pre_validate(self, form):
        if self.data in (None, ""):
            return
        super().pre_validate(form)


class WholeNumber(IntegerField):
    def process_formdata(self, valuelist):
        if valuelist and valuelist[0].strip():
            try:
                self.data = int(valuelist[0].strip().replace(",", ""))
            except ValueError:
                self.data = None
                raise ValueError(f"{self.label.text} must be a whole number, like 5") from None


class PhoneNumber:
    """A UK phone number as people write it: digits with spaces, brackets, dashes or +44."""

    def __call__(self, form, field):
        if not field.data:
            return
        digits = "".join(ch for ch in field.data if ch.isdigit())
        allowed = set("0123456789 +()-")
        if not set(field.data) <= allowed or not 10 <= len(digits) <= 13:
            raise ValidationError("Enter a phone number, like 01376 552525 or 07700 900 982")


class UKPostcode:
    def __call__(self, form, field):
        try:
            field.data = normalise_postcode(field.data or "")
        except InvalidPostcode as error:
            raise ValidationError(str(error)) from None


class PremisesDetailsForm(FlaskForm):
    name = _text("Name of the premises", "Enter the name of the premises", 200,
                 "The registered or legal name of the business at this address.")
    trading_name = _text("Trading name (optional)", None, 200, "The name customers know it by, if different.")
    premises_type = Radios(
        "Type of premises",
        widget=GovRadioInput(),
        choices=[SelectChoice(kind.value, kind.label) for kind in PremisesType],
        validators=[InputRequired("Select the type of premises")],
    )
    address_line_1 = _text("Address line 1", "Enter address line 1, typically the building and street", 200)
    address_line_2 = _text("Address line 2 (optional)", None, 200)
    town = _text("Town or city", "Enter town or city", 100)
    postcode = StringField("Postcode", widget=GovTextInput(), filters=[strip],
                           validators=[InputRequired("Enter the postcode"), UKPostcode()])
    area = AreaSelect("Area or ward")
    phone = _text("Phone number", "Enter a phone number", 40, "A number where an officer can reach the premises.",
                  PhoneNumber())
    email = EmailField("Email address for the premises (optional)", widget=GovTextInput(), filters=[strip],
                       validators=[Optional(), Length(max=254, message="Email address must be 254 characters or fewer"),
                                   Email(EMAIL_FORMAT)])
    staff_count = WholeNumber(
        "Number of staff", widget=GovTextInput(), description="Include part-time staff and drivers.",
        validators=[InputRequired("Enter the number of staff"),
                    NumberRange(min=1, max=100000, message="Number of staff must be between 1 and 100,000")],
    )
    opening_hours = _text("Opening hours (optional)", None, 300, "For example, every day 6pm to 2am.")
    open_at_night = Radios("Is the premises open at night (between 10pm and 6am)?", widget=GovRadioInput(),
                               choices=YES_NO, validators=[InputRequired("Select yes if the premises is open at night")])
    home_based = Radios("Is the business run from a home address?", widget=GovRadioInput(), choices=YES_NO,
                            validators=[InputRequired("Select yes if the business is run from a home address")])
    submit = SubmitField("Save and continue", widget=GovSubmitInput())

    def __init__(self, area_choices: list, suggest: Callable[[str], int | None], **kwargs):
        super().__init__(**kwargs)
        self._suggest = suggest
        self._names = {choice.id: choice.name for choice in area_choices}
        self.area.choices = [SelectChoice("", "Choose the area")] + [
            SelectChoice(choice.id, choice.name) for choice in area_choices]

    def suggest_area(self, postcode: str) -> None:
        """Pre-select the area the postcode's district lies in, when one does and none is chosen."""
        suggested = self._suggest(postcode or "")
        if self.area.data is None and suggested in self._names:
            self.area.data = suggested
            self.area.description = "Suggested from the postcode: check it is right"

    def validate_area(self, field):
        if field.data is not None:
            return
        if not self.postcode.errors:
            self.suggest_area(self.postcode.data)
        if field.data is not None:
            raise ValidationError(f"Check the area or ward: {self._names[field.data]} is suggested from the postcode")
        raise ValidationError("Select the area or ward")

    def details(self) -> dict:
        return {
            "name": self.name.data, "trading_name": self.trading_name.data or "",
            "premises_type": self.premises_type.data, "address_line_1": self.address_line_1.data,
            "address_line_2": self.address_line_2.data or "", "town": self.town.data,
            "postcode": self.postcode.data, "area_id": self.area.data, "phone": self.phone.data,
            "email": (self.email.data or "").lower(), "staff_count": self.staff_count.data,
            "opening_hours": self.opening_hours.data or "",
            "open_at_night": self.open_at_night.data == "yes", "home_based": self.home_based.data == "yes",
        }

    def fill_from(self, premises) -> None:
        for name in ("name", "trading_name", "address_line_1", "address_line_2", "town", "postcode",
                     "phone", "email", "staff_count", "opening_hours"):
            getattr(self, name).data = getattr(premises, name)
        self.area.data = premises.area_id
        self.suggest_area(premises.postcode)
        self.premises_type.data = premises.premises_type.value
        self.open_at_night.data = "yes" if premises.open_at_night else "no"
        self.home_based.data = "yes" if premises.home_based else "no"


class SafeguardingLeadForm(FlaskForm):
    name = _text("Full name", "Enter the safeguarding lead's full name", 200)
    job_role = Radios(
        "Job role", widget=GovRadioInput(),
        choices=job_role_choices,
        validators=[InputRequired("Select the safeguarding lead's job role")],
    )
    phone = _text("Phone number", "Enter the safeguarding lead's phone number", 40, "", PhoneNumber())
    email = EmailField("Email address (optional)", widget=GovTextInput(), filters=[strip],
                       validators=[Optional(), Length(max=254, message="Email address must be 254 characters or fewer"),
                                   Email(EMAIL_FORMAT)])
    submit = SubmitField("Save and continue", widget=GovSubmitInput())


class PledgeForm(FlaskForm):
    submit = SubmitField("I pledge to meet these standards", widget=GovSubmitInput())


def self_assessment_form(standards, formdata=None):
    """A form with one question (answer + note) per standard that applies to the premises.

    Answers are optional so that a part-finished self-assessment can be saved and finished later.
    """

    class SelfAssessmentForm(FlaskForm):
        submit = SubmitField("Save and continue", widget=GovSubmitInput())

    choices = [SelectChoice(answer.value, label) for answer, label in ANSWER_LABELS.items()]
    for standard in standards:
        setattr(SelfAssessmentForm, f"answer_{standard.id}", Radios(
            f"{standard.code}: {standard.title}", widget=GovRadioInput(), choices=choices,
            validators=[Optional()]))
        setattr(SelfAssessmentForm, f"note_{standard.id}", TextAreaField(
            f"Notes on {standard.code} (optional)", widget=GovTextArea(), filters=[strip],
            validators=[Optional(), Length(max=2000, message="Notes must be 2,000 characters or fewer")]))
        # The revision of the saved answer this form started from, so a colleague's save is never lost.
        setattr(SelfAssessmentForm, f"revision_{standard.id}", HiddenField(default="0"))
    return SelfAssessmentForm(formdata=formdata) if formdata is not None else SelfAssessmentForm()


def revision_of(field) -> int:
    return parse_id(field.data) or 0


class PublicAddressForm(FlaskForm):
    show_home_address = Radios(
        "What should the public see of your address?", widget=GovRadioInput(),
        choices=[SelectChoice("no", "Only the first half of the postcode"),
                 SelectChoice("yes", "The full address")],
        validators=[InputRequired("Select what the public should see of your address")],
    )
    submit = SubmitField("Save", widget=GovSubmitInput())
