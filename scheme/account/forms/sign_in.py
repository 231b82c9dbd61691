from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovPasswordInput,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import EmailField, PasswordField, StringField, SubmitField
from wtforms.validators import Email, EqualTo, InputRequired, Length

from scheme.account.forms.passwords import PasswordRules
from scheme.form_fields import EMAIL_FORMAT, strip


class SignInForm(FlaskForm):
    email = EmailField(
        "Email address",
        widget=GovTextInput(),
        filters=[strip],
        validators=[InputRequired("Enter your email address"), Email(EMAIL_FORMAT)],
    )
    password = PasswordField("Password", widget=GovPasswordInput(), validators=[InputRequired("Enter your password")])
    submit = SubmitField("Sign in", widget=GovSubmitInput())


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(
        "Current password", widget=GovPasswordInput(), validators=[InputRequired("Enter your current password")]
    )
    new_password = PasswordField(
        "New password",
        widget=GovPasswordInput(),
        description="At least 10 characters. Not a common password.",
        validators=[InputRequired("Enter a new password"), PasswordRules()],
    )
    confirm_password = PasswordField(
        "Confirm new password",
        widget=GovPasswordInput(),
        validators=[InputRequired("Confirm your new password"), EqualTo("new_password", "Passwords must match")],
    )
    submit = SubmitField("Change password", widget=GovSubmitInput())


class TwoFactorCodeForm(FlaskForm):
    code = StringField(
        "Code",
        widget=GovTextInput(),
        filters=[strip],
        validators=[InputRequired("Enter the code"), Length(max=40, message="Enter the code")],
    )
    submit = SubmitField("Continue", widget=GovSubmitInput())
