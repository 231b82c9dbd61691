from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovPasswordInput,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import EmailField, PasswordField, SubmitField
from wtforms.validators import Email, EqualTo, InputRequired, Length, ValidationError

from scheme.domain.accounts.passwords import problem_with
from scheme.form_fields import EMAIL_FORMAT, strip


class PasswordRules:
    """The scheme's password rules, checked with the other fields so every problem shows at once."""

    def __call__(self, form, field):
        # On the registration form the person's name and email are beside the password.
        personal = tuple(form[name].data or "" for name in ("name", "email") if name in form)
        problem = problem_with(field.data or "", personal)
        if problem:
            raise ValidationError(problem)


def email_field(label: str = "Email address", description: str = "") -> EmailField:
    return EmailField(
        label,
        widget=GovTextInput(),
        description=description,
        filters=[strip],
        validators=[InputRequired("Enter your email address"), Length(max=254, message="Email address must be 254 characters or fewer"),
                    Email(EMAIL_FORMAT)],
    )


def new_password_field(label: str) -> PasswordField:
    return PasswordField(
        label,
        widget=GovPasswordInput(),
        description="At least 10 characters. Not a common password. A few words strung together works well.",
        validators=[InputRequired("Enter a password"), PasswordRules()],
    )


def confirm_password_field(label: str) -> PasswordField:
    return PasswordField(label, widget=GovPasswordInput(),
                         validators=[InputRequired(label), EqualTo("password", "Passwords must match")])


class EmailLinkForm(FlaskForm):
    email = email_field()
    submit = SubmitField("Send the link", widget=GovSubmitInput())


class ResetPasswordForm(FlaskForm):
    password = new_password_field("New password")
    confirm_password = confirm_password_field("Confirm your new password")
    submit = SubmitField("Change password", widget=GovSubmitInput())
