from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import (
    GovFileInput,
    GovRadioInput,
    GovSubmitInput,
    GovTextArea,
)
from wtforms import HiddenField, RadioField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    Optional,
    ValidationError,
)

from scheme.enums import Answer
from scheme.form_fields import GovDateField, strip

ANSWER_LABELS = {Answer.MET: "Met", Answer.NOT_MET: "Not met", Answer.NOT_APPLICABLE: "Not applicable"}


class AfterToday:
    def __init__(self, message: str):
        self.message = message

    def __call__(self, form, field):
        today = getattr(form, "today", None)
        if field.data is not None and today is not None and field.data <= today:
            raise ValidationError(self.message)


class ConfirmForm(FlaskForm):
    """A form with only a button: approve, finish, start."""

    submit = SubmitField("Continue", widget=GovSubmitInput())


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


class AnswerForm(FlaskForm):
    answer = RadioField("Finding", widget=GovRadioInput(),
                        choices=[SelectChoice(a.value, label) for a, label in ANSWER_LABELS.items()],
                        validators=[InputRequired("Select met, not met or not applicable")])
    note = TextAreaField("Note", widget=GovTextArea(), filters=[strip],
                         description="If not met, say what must be done: it becomes the action.",
                         validators=[Length(max=2000, message="The note must be 2000 characters or fewer")])
    revision = HiddenField()
    submit = SubmitField("Save answer", widget=GovSubmitInput())

    def validate_revision(self, field):
        if not (field.data or "").isdigit():
            raise ValidationError("Reload the page and try again")


class PhotoForm(FlaskForm):
    photo = FileField("Photo evidence", widget=GovFileInput(), description="A JPEG or PNG, up to 10 MB.",
                      validators=[InputRequired("Select a photo")])
    submit = SubmitField("Upload photo", widget=GovSubmitInput())


class VerifyActionForm(FlaskForm):
    decision = RadioField("Is the action done?", widget=GovRadioInput(),
                          choices=[SelectChoice("close", "Yes, close it"), SelectChoice("reopen", "No, reopen it")],
                          validators=[InputRequired("Select whether to close or reopen the action")])
    note = TextAreaField("Note for the business", widget=GovTextArea(), filters=[strip],
                         validators=[Optional(), Length(max=2000, message="The note must be 2000 characters or fewer")])
    submit = SubmitField("Save", widget=GovSubmitInput())


class TestVisitForm(FlaskForm):
    __test__ = False  # not a pytest class, despite the name

    scenario = TextAreaField("Scenario", widget=GovTextArea(), filters=[strip],
                             description="What was played out, for example an adult asking for a room with a 15-year-old.",
                             validators=[DataRequired("Enter the scenario"),
                                         Length(max=2000, message="The scenario must be 2000 characters or fewer")])
    visit_date = GovDateField("Date of the test visit", invalid_message="The date must be a real date",
                                   validators=[InputRequired("Enter the date of the test visit")])
    behaviours = TextAreaField("Behaviours expected of staff", widget=GovTextArea(), filters=[strip],
                               description="One on each line.",
                               validators=[DataRequired("Enter at least one behaviour expected of staff")])
    submit = SubmitField("Record the test visit", widget=GovSubmitInput())

    def behaviour_list(self) -> list[str]:
        return [line.strip()[:300] for line in self.behaviours.data.splitlines() if line.strip()]


def test_results_form(checks):
    """A form with a yes/no question for each expected behaviour of a test visit."""

    class TestResultsForm(FlaskForm):
        summary = TextAreaField("Summary", widget=GovTextArea(), filters=[strip],
                                validators=[Length(max=2000, message="The summary must be 2000 characters or fewer")])
        submit = SubmitField("Save the results", widget=GovSubmitInput())

    for check in checks:
        setattr(TestResultsForm, f"check_{check.id}", RadioField(
            f"Did staff do this: {check.behaviour}?", widget=GovRadioInput(),
            choices=[SelectChoice("yes", "Yes"), SelectChoice("no", "No")],
            validators=[InputRequired(f"Select whether staff did this: {check.behaviour}")]))
    return TestResultsForm


test_results_form.__test__ = False
