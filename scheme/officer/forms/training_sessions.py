from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import (
    FieldList,
    Form,
    FormField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from scheme.enums import JobRole
from scheme.form_fields import GovDateField, job_role_choices, strip
from scheme.ids import coerce_id

NEW_ATTENDEE_ROWS = 5


class TrainingSessionForm(FlaskForm):
    module_id = SelectField("Training module", widget=GovSelect(), coerce=coerce_id,
                            validators=[InputRequired("Select the training module")])
    held_on = GovDateField("Date of the session", invalid_message="Date of the session must be a real date",
                           validators=[InputRequired("Enter the date of the session")])
    place = StringField("Place", widget=GovTextInput(), filters=[strip],
                        validators=[InputRequired("Enter where the session is held"), Length(max=200, message="Place must be 200 characters or fewer")])
    trainer = StringField("Trainer", widget=GovTextInput(), filters=[strip],
                          validators=[InputRequired("Enter the trainer's name"), Length(max=200, message="Trainer must be 200 characters or fewer")])
    submit = SubmitField("Add session", widget=GovSubmitInput())

    def __init__(self, *args, modules=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.module_id.choices = [SelectChoice(module.id, module.title) for module in modules]


class NewAttendeeForm(Form):
    name = StringField("Name", widget=GovTextInput(), filters=[strip],
                       validators=[Optional(), Length(max=200, message="Name must be 200 characters or fewer")])
    premises_id = SelectField("Works at", widget=GovSelect(), coerce=coerce_id, validate_choice=False)
    job_role = SelectField("Job role", widget=GovSelect(), choices=job_role_choices, validate_choice=False)

    def validate_job_role(self, field):
        if self.name.data and field.data not in {role.value for role in JobRole}:
            raise ValidationError("Select the person's job role")

    def validate_premises_id(self, field):
        if self.name.data and not field.data:
            raise ValidationError("Select the premises this person works at")


class RegisterForm(FlaskForm):
    """Everyone attending, from many premises at once, plus new staff added on the spot."""

    staff_ids = SelectMultipleField("Attendees", coerce=coerce_id, validate_choice=False)
    new_people = FieldList(FormField(NewAttendeeForm), min_entries=NEW_ATTENDEE_ROWS, max_entries=50)
    submit = SubmitField("Add to the register", widget=GovSubmitInput())

    def __init__(self, *args, premises_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        for entry in self.new_people:
            entry.form.premises_id.choices = [SelectChoice(0, "Select a premises")] + [
                SelectChoice(premises.id, premises.display_name) for premises in premises_choices
            ]

    def validate_staff_ids(self, field):
        if not field.data and not any(entry.form.name.data for entry in self.new_people):
            raise ValidationError("Select at least one attendee, or add a new member of staff")


class RejectForm(FlaskForm):
    reason = TextAreaField("Why it does not count", widget=GovTextArea(), filters=[strip],
                           validators=[InputRequired("Enter why the course does not count"),
                                       Length(max=1000, message="Reason must be 1000 characters or fewer")])
    submit = SubmitField("Refuse", widget=GovSubmitInput())
