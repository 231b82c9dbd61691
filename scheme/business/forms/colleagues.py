from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextInput
from wtforms import EmailField, SubmitField
from wtforms.validators import Email, InputRequired, Length

from scheme.form_fields import EMAIL_FORMAT, strip


class InviteColleagueForm(FlaskForm):
    email = EmailField("Your colleague's email address", widget=GovTextInput(), filters=[strip],
                       validators=[InputRequired("Enter your colleague's email address"),
                                   Length(max=254, message="Email address must be 254 characters or fewer"),
                                   Email(EMAIL_FORMAT)])
    submit = SubmitField("Send invitation", widget=GovSubmitInput())


class AcceptInvitationForm(FlaskForm):
    submit = SubmitField("Accept and manage this premises", widget=GovSubmitInput())
