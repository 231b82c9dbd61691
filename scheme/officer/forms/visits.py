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
from wtforms.validators import AnyOf, InputRequired, Length, ValidationError

from scheme.domain.visits.audits import Section
from scheme.enums import Answer
from scheme.form_fields import strip
from scheme.ids import parse_id

ANSWER_LABELS = {Answer.MET: "Met", Answer.NOT_MET: "Not met", Answer.NOT_APPLICABLE: "Not applicable"}


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
        if parse_id(field.data) is None:
            raise ValidationError("Reload the page and try again")


class PhotoForm(FlaskForm):
    photo = FileField("Photo evidence", widget=GovFileInput(), description="A JPEG or PNG, up to 10 MB.",
                      validators=[InputRequired("Select a photo")])
    submit = SubmitField("Upload photo", widget=GovSubmitInput())


class ConfirmSectionForm(FlaskForm):
    """"Confirm all as seen" for one section of the checklist: every answer in it carried over
    from the last visit and not yet confirmed."""

    section = HiddenField(validators=[AnyOf([section.value for section in Section], message="Reload the page and try again")])
    submit = SubmitField("Confirm all as seen", widget=GovSubmitInput())
