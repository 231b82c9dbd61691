from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from wtforms import SubmitField


class SubmitApplicationForm(FlaskForm):
    submit = SubmitField("Submit application", widget=GovSubmitInput())
