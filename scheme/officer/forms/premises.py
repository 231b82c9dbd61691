from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from wtforms import SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from scheme.form_fields import AreaSelect


class PremisesAreaForm(FlaskForm):
    area = AreaSelect("Area or ward")
    submit = SubmitField("Save area", widget=GovSubmitInput())

    def __init__(self, area_choices: list, **kwargs):
        super().__init__(**kwargs)
        self.area.choices = [SelectChoice("", "Choose the area")] + [
            SelectChoice(choice.id, choice.name) for choice in area_choices]

    def validate_area(self, field):
        if field.data is None:
            raise ValidationError("Select the area or ward")
