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
    IntegerField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import URL, InputRequired, Length, NumberRange, Optional

from scheme.form_fields import job_role_choices, strip


class TrainingModuleForm(FlaskForm):
    title = StringField("Title", widget=GovTextInput(), filters=[strip],
                        validators=[InputRequired("Enter the title"), Length(max=200, message="Title must be 200 characters or fewer")])
    provider = StringField("Provider", widget=GovTextInput(), filters=[strip],
                           description="For example, the scheme's own briefing, NWG Network, or the local safeguarding partnership",
                           validators=[InputRequired("Enter the provider"), Length(max=200, message="Provider must be 200 characters or fewer")])
    description = TextAreaField("Description", widget=GovTextArea(), filters=[strip],
                                validators=[Length(max=5000, message="Description must be 5000 characters or fewer")])
    url = StringField("Link (optional)", widget=GovTextInput(), filters=[strip],
                      validators=[Optional(), URL(message="Enter a web address in the correct format, like https://example.org/course"),
                                  Length(max=500, message="Link must be 500 characters or fewer")])
    validity_months = IntegerField("Valid for (months)", widget=GovTextInput(), description="Enter 0 if it does not expire",
                                   validators=[InputRequired("Enter how many months the training is valid for"),
                                               NumberRange(min=0, max=120, message="Valid for must be between 0 and 120 months")])
    required_roles = SelectMultipleField("Who must take it", widget=GovCheckboxesInput(), choices=job_role_choices,
                                         description="The safeguarding lead takes every module.")
    equivalent_allowed = BooleanField("An equivalent external course may count, with an officer's approval",
                                      widget=GovCheckboxInput())
    business_records_need_approval = BooleanField(
        "A course a business records for this module (an online certificate, an import) counts only once an officer approves it",
        widget=GovCheckboxInput())
    active = BooleanField("In use (untick to retire the module)", widget=GovCheckboxInput(), default=True)
    submit = SubmitField("Save module", widget=GovSubmitInput())
