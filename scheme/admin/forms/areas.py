from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovCheckboxesInput, GovSubmitInput, GovTextArea, GovTextInput
from wtforms import SelectMultipleField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, ValidationError

from scheme.domain.areas import InvalidDistrict, name_key, parse_districts
from scheme.form_fields import strip
from scheme.ids import coerce_id


class AreaForm(FlaskForm):
    name = StringField("Name", widget=GovTextInput(), filters=[strip],
                       description="The ward or the scheme's own name for the area, for example Galley's Corner",
                       validators=[InputRequired("Enter the name of the area"),
                                   Length(max=100, message="Name must be 100 characters or fewer")])
    districts = TextAreaField(
        "Postcode districts (optional)", widget=GovTextArea(), filters=[strip],
        description="The first part of the postcode, such as SS14 or CM7, separated by commas or spaces. "
                    "A business whose postcode is in one of them is offered this area first. "
                    "A district belongs to one area only.",
        validators=[Length(max=1000, message="Postcode districts must be 1000 characters or fewer")])
    submit = SubmitField("Save area", widget=GovSubmitInput())

    def validate_name(self, field):
        if not name_key(field.data or ""):
            raise ValidationError("Enter a name with letters or numbers in it")

    def validate_districts(self, field):
        try:
            self.district_list = parse_districts(field.data or "")
        except InvalidDistrict as error:
            raise ValidationError(str(error)) from None


class _AreaChoices(SelectMultipleField):
    def pre_validate(self, form):
        if set(self.data or []) - {choice.value for choice in self.choices}:
            raise ValidationError("Select areas from the list")


class OfficerAreasForm(FlaskForm):
    area_ids = _AreaChoices("Areas", widget=GovCheckboxesInput(), coerce=coerce_id,
                                   description="They are told of news about premises in these areas. Where nobody "
                                               "looks after an area, every officer is told.")
    submit = SubmitField("Save areas", widget=GovSubmitInput())

    def __init__(self, area_choices: list, **kwargs):
        super().__init__(**kwargs)
        self.area_ids.choices = [SelectChoice(choice.id, choice.name) for choice in area_choices]
