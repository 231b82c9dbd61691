from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import GovFileInput, GovSubmitInput, GovTextArea
from wtforms import SubmitField, TextAreaField
from wtforms.validators import Length, ValidationError

from scheme.form_fields import strip


class ActionDoneForm(FlaskForm):
    note = TextAreaField("What did you do?", widget=GovTextArea(), filters=[strip],
                         validators=[Length(max=2000, message="What you did must be 2000 characters or fewer")])
    photo = FileField("Photo (optional)", widget=GovFileInput(), description="A JPEG or PNG, up to 10 MB.")
    submit = SubmitField("Mark as done", widget=GovSubmitInput())

    def validate_note(self, field):
        if not field.data and not self.photo.data:
            raise ValidationError("Enter what you did, or add a photo")


class StickerRemovedForm(FlaskForm):
    photo = FileField("Photo of the window without the sticker (optional)", widget=GovFileInput(),
                      description="A JPEG or PNG, up to 10 MB.")
    submit = SubmitField("I have taken the sticker down", widget=GovSubmitInput())
