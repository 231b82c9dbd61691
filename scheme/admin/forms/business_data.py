from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovCheckboxInput, GovSubmitInput
from wtforms import BooleanField, SubmitField
from wtforms.validators import DataRequired


class EraseBusinessForm(FlaskForm):
    confirmed = BooleanField(
        "The business has asked for its account to be erased, and I understand this cannot be undone",
        widget=GovCheckboxInput(),
        validators=[DataRequired("Confirm that the business asked for its account to be erased")],
    )
    submit = SubmitField("Erase the business's account", widget=GovSubmitInput())
