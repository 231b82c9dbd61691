from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovSubmitInput,
    GovTextInput,
)
from wtforms import StringField, SubmitField
from wtforms.validators import InputRequired, Length

from scheme.account.forms.passwords import (
    confirm_password_field,
    email_field,
    new_password_field,
)
from scheme.form_fields import strip


class RegisterForm(FlaskForm):
    name = StringField(
        "Your full name",
        widget=GovTextInput(),
        filters=[strip],
        validators=[InputRequired("Enter your full name"), Length(max=200, message="Name must be 200 characters or fewer")],
    )
    email = email_field(description="We will send you a link to confirm it.")
    password = new_password_field("Create a password")
    confirm_password = confirm_password_field("Confirm your password")
    submit = SubmitField("Create account", widget=GovSubmitInput())
