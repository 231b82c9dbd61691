from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovCheckboxInput,
    GovRadioInput,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import (
    BooleanField,
    HiddenField,
    RadioField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, InputRequired, Length, Regexp, ValidationError

from scheme.enums import PremisesType, RouteKind
from scheme.form_fields import strip

KIND_LABELS = {RouteKind.PHONE: "Phone number (call)", RouteKind.TEXT: "Text message number",
               RouteKind.WEB: "Web address"}


class ReportingRouteForm(FlaskForm):
    label = StringField("Name", widget=GovTextInput(), filters=[strip],
                        description="For example, British Transport Police",
                        validators=[InputRequired("Enter the name"), Length(max=200, message="Name must be 200 characters or fewer")])
    kind = RadioField("How people report", widget=GovRadioInput(),
                      choices=[SelectChoice(kind.value, label) for kind, label in KIND_LABELS.items()],
                      validators=[InputRequired("Select how people report")])
    value = StringField("Number or web address", widget=GovTextInput(), filters=[strip],
                        validators=[InputRequired("Enter the number or web address"),
                                    Length(max=300, message="Number or web address must be 300 characters or fewer")])
    what_to_say = TextAreaField("What to say", widget=GovTextArea(), filters=[strip],
                                description="For example, quote the operation name the police ask for",
                                validators=[Length(max=1000, message="What to say must be 1000 characters or fewer")])
    premises_types = SelectMultipleField("Show first for these types of premises", widget=GovCheckboxesInput(),
                                         choices=[SelectChoice(t.value, t.label) for t in PremisesType],
                                         description="Leave all unticked for a route that suits every premises")
    emergency = BooleanField("This is the emergency number (shown first, above everything else)",
                             widget=GovCheckboxInput())
    active = BooleanField("Show this route on the public pages", widget=GovCheckboxInput(), default=True)
    submit = SubmitField("Save route", widget=GovSubmitInput())

    def validate_value(self, field):
        if self.kind.data in (RouteKind.PHONE.value, RouteKind.TEXT.value):
            Regexp(r"^\+?[\d ]{3,20}$", message="Enter a phone number using digits and spaces only, like 0800 405040")(self, field)
        elif self.kind.data == RouteKind.WEB.value and not field.data.startswith("https://"):
            raise ValidationError("Enter a web address that starts with https://")


class MoveForm(FlaskForm):
    direction = HiddenField(validators=[AnyOf(["up", "down"])])
