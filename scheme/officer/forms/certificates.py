from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSelect, GovSubmitInput, GovTextArea
from wtforms import RadioField, SelectField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length

from scheme.enums import StickerStatus
from scheme.form_fields import strip


class ReasonForm(FlaskForm):
    reason = TextAreaField("Reason", widget=GovTextArea(), filters=[strip],
                           validators=[InputRequired("Enter the reason"),
                                       Length(max=2000, message="Reason must be 2000 characters or fewer")])
    submit = SubmitField("Confirm", widget=GovSubmitInput())


class PrintAreaForm(FlaskForm):
    # Posted: printing records a sticker, with its serial, for every certificate in the area.
    area = SelectField("Area", widget=GovSelect(), coerce=int, validators=[InputRequired("Select the area")])
    submit = SubmitField("Download stickers and certificates", widget=GovSubmitInput())

    def __init__(self, areas: list, **kwargs):
        super().__init__(**kwargs)
        self.area.choices = [SelectChoice(area.id, area.name) for area in areas]


class StickerFateForm(FlaskForm):
    fate = RadioField("What became of the sticker?", widget=GovRadioInput(),
                      choices=[SelectChoice(StickerStatus.REMOVED.value, "Taken down: I saw it is no longer on display"),
                               SelectChoice(StickerStatus.LOST.value, "Lost"),
                               SelectChoice(StickerStatus.DESTROYED.value, "Destroyed")],
                      validators=[InputRequired("Select what became of the sticker")])
    submit = SubmitField("Save", widget=GovSubmitInput())
