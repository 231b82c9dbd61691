from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovRadioInput,
    GovSubmitInput,
    GovTextArea,
)
from wtforms import RadioField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional

from scheme.form_fields import strip


class VerifyActionForm(FlaskForm):
    decision = RadioField("Is the action done?", widget=GovRadioInput(),
                          choices=[SelectChoice("close", "Yes, close it"), SelectChoice("reopen", "No, reopen it")],
                          validators=[InputRequired("Select whether to close or reopen the action")])
    note = TextAreaField("Note for the business", widget=GovTextArea(), filters=[strip],
                         validators=[Optional(), Length(max=2000, message="The note must be 2000 characters or fewer")])
    submit = SubmitField("Save", widget=GovSubmitInput())
