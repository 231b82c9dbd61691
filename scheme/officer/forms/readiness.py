from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextArea
from wtforms import SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length

from scheme.form_fields import GovDateField, strip


class HoldForm(FlaskForm):
    reason = TextAreaField("Why the premises should be held as ready", widget=GovTextArea(), filters=[strip],
                           description="For example, the staff who lack training are booked on a session next week.",
                           validators=[DataRequired("Enter the reason for holding the premises as ready"),
                                       Length(max=1000, message="The reason must be 1000 characters or fewer")])
    until = GovDateField("Last day of the hold", invalid_message="The last day of the hold must be a real date",
                         description="At most 92 days from today.",
                         validators=[InputRequired("Enter the last day of the hold")])
    submit = SubmitField("Hold as ready", widget=GovSubmitInput())


class EndHoldForm(FlaskForm):
    submit = SubmitField("End the hold", widget=GovSubmitInput())


class ReviewTestVisitForm(FlaskForm):
    note = TextAreaField("What the review found", widget=GovTextArea(), filters=[strip],
                         description="The premises stops being suspended by this test visit. Its actions still have to be done.",
                         validators=[DataRequired("Enter what the review found"),
                                     Length(max=2000, message="What the review found must be 2000 characters or fewer")])
    submit = SubmitField("Record the review", widget=GovSubmitInput())
