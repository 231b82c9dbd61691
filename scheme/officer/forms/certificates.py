from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSelect, GovSubmitInput, GovTextArea
from wtforms import SelectField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length

from scheme.form_fields import strip


class ReasonForm(FlaskForm):
    reason = TextAreaField("Reason", widget=GovTextArea(), filters=[strip],
                           validators=[InputRequired("Enter the reason"),
                                       Length(max=2000, message="Reason must be 2000 characters or fewer")])
    submit = SubmitField("Confirm", widget=GovSubmitInput())


class PrintAreaForm(FlaskForm):
    class Meta:
        csrf = False  # a GET form that only downloads

    area = SelectField("Area", widget=GovSelect(), validators=[InputRequired("Select the area")])
    submit = SubmitField("Download stickers and certificates", widget=GovSubmitInput())

    def __init__(self, areas: list[str], **kwargs):
        super().__init__(**kwargs)
        self.area.choices = [SelectChoice(area, area) for area in areas]
