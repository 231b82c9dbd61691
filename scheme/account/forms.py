from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovPasswordInput,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import EmailField, PasswordField, StringField, SubmitField
from wtforms.validators import Email, EqualTo, InputRequired, Length, ValidationError

from scheme.domain.accounts.passwords import problem_with
from scheme.form_fields import strip


class PasswordRules:
    """The scheme's password rules, checked with the other fields so every problem shows at once."""

    def __call__(self, form, field):
        problem = problem_with(field.data or "")
        if problem:
            raise ValidationError(problem)


class SignInForm(FlaskForm):
    email = EmailField(
        "Email address",
        widget=GovTextInput(),
        filters=[strip],
        validators=[InputRequired("Enter your email address"), Email("Enter an email address in the correct format, like name@example.com")],
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


EMAIL_FORMAT = "Enter an email address in the correct format, like name@example.com"


def _email_field(label: str = "Email address", description: str = "") -> EmailField:
    return EmailField(
        label,
        widget=GovTextInput(),
        description=description,
        filters=[strip],
        validators=[InputRequired("Enter your email address"), Length(max=254, message="Email address must be 254 characters or fewer"),
                    Email(EMAIL_FORMAT)],
    )


def _new_password_field(label: str) -> PasswordField:
    return PasswordField(
        label,
        widget=GovPasswordInput(),
        description="At least 10 characters. Not a common password. A few words strung together works well.",
        validators=[InputRequired("Enter a password"), PasswordRules()],
    )


class RegisterForm(FlaskForm):
    name = StringField(
        "Your full name",
        widget=GovTextInput(),
        filters=[strip],
        validators=[InputRequired("Enter your full name"), Length(max=200, message="Name must be 200 characters or fewer")],
    )
    email = _email_field(description="We will send you a link to confirm it.")
    password = _new_password_field("Create a password")
    confirm_password = PasswordField(
        "Confirm your password",
        widget=GovPasswordInput(),
        validators=[InputRequired("Confirm your password"), EqualTo("password", "Passwords must match")],
    )
    submit = SubmitField("Create account", widget=GovSubmitInput())


class EmailLinkForm(FlaskForm):
    email = _email_field()
    submit = SubmitField("Send the link", widget=GovSubmitInput())


class ResetPasswordForm(FlaskForm):
    password = _new_password_field("New password")
    confirm_password = PasswordField(
        "Confirm your new password",
        widget=GovPasswordInput(),
        validators=[InputRequired("Confirm your new password"), EqualTo("password", "Passwords must match")],
    )
    submit = SubmitField("Change password", widget=GovSubmitInput())
