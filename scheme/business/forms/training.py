from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxInput,
    GovFileInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import BooleanField, HiddenField, RadioField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, StopValidation, ValidationError

from scheme.enums import TrainingEvidence
from scheme.form_fields import GovDateField, job_role_choices, strip
from scheme.ids import coerce_id


class OptionalDate:
    """Optional for a date input: only when all three parts are blank."""

    field_flags = {"optional": True}

    def __call__(self, form, field):
        if not field.raw_data or not any(part.strip() for part in field.raw_data):
            field.errors[:] = []
            raise StopValidation()


class NotInFuture:
    def __init__(self, message: str):
        self.message = message

    def __call__(self, form, field):
        today = getattr(form, "today", None)
        if field.data is not None and today is not None and field.data > today:
            raise ValidationError(self.message)


class StaffForm(FlaskForm):
    name = StringField("Name", widget=GovTextInput(), filters=[strip],
                       validators=[InputRequired("Enter the person's name"),
                                   Length(max=200, message="Name must be 200 characters or fewer")])
    job_role = RadioField("Job role", widget=GovRadioInput(), choices=job_role_choices,
                          validators=[InputRequired("Select the job role")])
    started_on = GovDateField("Start date", invalid_message="Start date must be a real date",
                              validators=[InputRequired("Enter the start date")],
                              description="For example, 27 3 2025")
    left_on = GovDateField("Leaving date (if they have left)", invalid_message="Leaving date must be a real date",
                           validators=[OptionalDate()], description="Leave blank if they still work here")
    is_safeguarding_lead = BooleanField("This person is the safeguarding lead", widget=GovCheckboxInput())
    # The person's revision the form was filled in from (scheme.domain.training.staff.update_staff).
    revision = HiddenField()
    submit = SubmitField("Save", widget=GovSubmitInput())

    def revision_number(self) -> int | None:
        value = str(self.revision.data or "").strip()
        return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else None

    def validate_left_on(self, field):
        if field.data and self.started_on.data and field.data < self.started_on.data:
            raise ValidationError("Leaving date must be the same as or after the start date")


def evidence_choices() -> list[SelectChoice]:
    # A scheme session is recorded by the officer closing its register, never declared here.
    return [SelectChoice(kind.value, kind.label) for kind in TrainingEvidence
            if kind not in (TrainingEvidence.IMPORTED, TrainingEvidence.SCHEME_SESSION)]


class TrainingRecordForm(FlaskForm):
    module_id = SelectField("Training module", widget=GovSelect(), coerce=coerce_id,
                            validators=[InputRequired("Select the training module")])
    completed_on = GovDateField("Date completed", invalid_message="Date completed must be a real date",
                                validators=[InputRequired("Enter the date the training was completed"),
                                            NotInFuture("Date completed must be today or in the past")])
    evidence = RadioField("How was it done?", widget=GovRadioInput(), choices=evidence_choices,
                          validators=[InputRequired("Select how the training was done")])
    certificate = FileField("Certificate (PDF, JPEG or PNG, up to 10 MB)", widget=GovFileInput(),
                            description="Needed for an online course; optional otherwise.")
    submit = SubmitField("Save training record", widget=GovSubmitInput())

    def __init__(self, *args, modules=(), today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.module_id.choices = [SelectChoice(module.id, module.title) for module in modules]

    def validate_certificate(self, field):
        if self.evidence.data == TrainingEvidence.ONLINE_CERTIFICATE.value and not field.data:
            raise ValidationError("Upload the certificate for an online course")


class ImportUploadForm(FlaskForm):
    file = FileField("CSV file", widget=GovFileInput(), description="Up to 10 MB, saved as 'CSV UTF-8'.")
    submit = SubmitField("Upload and check", widget=GovSubmitInput())

    def validate_file(self, field):
        if not field.data or not getattr(field.data, "filename", ""):
            raise ValidationError("Select a CSV file")


class ImportConfirmForm(FlaskForm):
    only_valid = BooleanField("Import only the rows without errors, and leave out the others",
                              widget=GovCheckboxInput())
    submit = SubmitField("Import", widget=GovSubmitInput())
