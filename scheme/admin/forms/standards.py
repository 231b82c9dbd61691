from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovCheckboxInput,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import (
    BooleanField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Regexp

from scheme.enums import PremisesType
from scheme.form_fields import strip


class StandardForm(FlaskForm):
    code = StringField("Code", widget=GovTextInput(), filters=[strip], description="For example, S10",
                       validators=[DataRequired("Enter the code"),
                                   Regexp(r"^[A-Za-z0-9.-]{1,20}$", message="The code must be up to 20 letters or numbers")])
    title = StringField("Title", widget=GovTextInput(), filters=[strip],
                        validators=[DataRequired("Enter the title"),
                                    Length(max=300, message="The title must be 300 characters or fewer")])
    guidance = TextAreaField("Guidance", widget=GovTextArea(), filters=[strip])
    evidence_expected = TextAreaField("Evidence expected", widget=GovTextArea(), filters=[strip])
    mandatory = BooleanField("Mandatory: a visit fails when it is not met", widget=GovCheckboxInput())
    premises_types = SelectMultipleField(
        "Types of premises it applies to", widget=GovCheckboxesInput(),
        description="Leave all unticked for every type.",
        choices=[SelectChoice(t.value, t.label) for t in PremisesType])
    submit = SubmitField("Save standard", widget=GovSubmitInput())


class PublishForm(FlaskForm):
    summary_of_changes = TextAreaField("Summary of the changes", widget=GovTextArea(), filters=[strip],
                                       description="Businesses see this when asked to pledge again.",
                                       validators=[DataRequired("Enter a summary of the changes")])
    submit = SubmitField("Publish this version", widget=GovSubmitInput())
