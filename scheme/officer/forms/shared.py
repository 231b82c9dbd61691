from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from wtforms import SubmitField


class ConfirmForm(FlaskForm):
    """A button and nothing else; each page gives it its own words (approve, finish, issue, renew)."""

    submit = SubmitField("Continue", widget=GovSubmitInput())
