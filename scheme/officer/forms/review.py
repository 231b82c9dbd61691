from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextArea
from wtforms import SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, ValidationError

from scheme.form_fields import GovDateField, strip


class AfterToday:
    def __init__(self, message: str):
        self.message = message

    def __call__(self, form, field):
        today = getattr(form, "today", None)
        if field.data is not None and today is not None and field.data <= today:
            raise ValidationError(self.message)


class RequestChangesForm(FlaskForm):
    message = TextAreaField("What needs to change", widget=GovTextArea(), filters=[strip],
                            validators=[DataRequired("Enter what needs to change"),
                                        Length(max=2000, message="What needs to change must be 2000 characters or fewer")])
    due_on = GovDateField("Deadline for the changes", invalid_message="The deadline must be a real date",
                               description="For example, 27 3 2027",
                       validators=[InputRequired("Enter the deadline for the changes"),
                                   AfterToday("The deadline must be in the future")])
    submit = SubmitField("Request changes", widget=GovSubmitInput())


class RejectForm(FlaskForm):
    reason = TextAreaField("Reason for rejecting the application", widget=GovTextArea(), filters=[strip],
                           description="The business will be sent this reason.",
                           validators=[DataRequired("Enter the reason for rejecting the application"),
                                       Length(max=2000, message="The reason must be 2000 characters or fewer")])
    submit = SubmitField("Reject application", widget=GovSubmitInput())
