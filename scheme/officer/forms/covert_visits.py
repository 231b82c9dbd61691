from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovRadioInput,
    GovSubmitInput,
    GovTextArea,
)
from govuk_frontend_wtf.wtforms_widgets import GovTextInput
from wtforms import RadioField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length

from scheme.form_fields import GovDateField, strip


class TestVisitForm(FlaskForm):
    """The scenario, the day, and for each standard in force for the premises the behaviour
    expected of staff that tests it (left blank: not tested this time). Made per premises
    by test_visit_form."""

    __test__ = False  # not a pytest class, despite the name

    scenario = TextAreaField("Scenario", widget=GovTextArea(), filters=[strip],
                             description="What was played out, for example an adult asking for a room with a 15-year-old.",
                             validators=[DataRequired("Enter the scenario"),
                                         Length(max=2000, message="The scenario must be 2000 characters or fewer")])
    visit_date = GovDateField("Date of the test visit", invalid_message="The date must be a real date",
                                   validators=[InputRequired("Enter the date of the test visit")])
    submit = SubmitField("Record the test visit", widget=GovSubmitInput())
    standard_ids: tuple[int, ...] = ()

    def behaviour_fields(self):
        return [self[f"behaviour_{standard_id}"] for standard_id in self.standard_ids]

    def behaviour_list(self) -> list[tuple[int, str]]:
        """(standard id, behaviour) for each standard tested."""
        return [(standard_id, self[f"behaviour_{standard_id}"].data)
                for standard_id in self.standard_ids if self[f"behaviour_{standard_id}"].data]

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.standard_ids and not self.behaviour_list():
            first = self[f"behaviour_{self.standard_ids[0]}"]
            first.errors = [*first.errors, "Enter at least one behaviour expected of staff"]
            return False
        return valid


def test_visit_form(standards):
    """A TestVisitForm with a behaviour field for each of these standards (code, title, guidance)."""

    class PremisesTestVisitForm(TestVisitForm):
        standard_ids = tuple(standard.id for standard in standards)

    for standard in standards:
        setattr(PremisesTestVisitForm, f"behaviour_{standard.id}", StringField(
            f"{standard.code} {standard.title}", widget=GovTextInput(), filters=[strip],
            description="What staff should do that shows this standard is met, for example: asked for ID.",
            validators=[Length(max=300, message=f"The behaviour for {standard.code} must be 300 characters or fewer")]))
    return PremisesTestVisitForm


test_visit_form.__test__ = False


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
