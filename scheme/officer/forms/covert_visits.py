from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovRadioInput,
    GovSubmitInput,
    GovTextArea,
)
from wtforms import RadioField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length

from scheme.form_fields import GovDateField, strip


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
