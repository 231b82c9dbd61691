from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextInput
from wtforms import StringField, SubmitField
from wtforms.validators import InputRequired, Length, ValidationError

from scheme.domain.certificates.codes import is_certificate_number
from scheme.form_fields import strip


class CheckCertificateForm(FlaskForm):
    # A GET form that changes nothing, so it needs no CSRF token (and sets no cookie).
    class Meta:
        csrf = False

    code = StringField(
        "Certificate code",
        widget=GovTextInput(),
        description="The 8 letters and numbers printed under the QR code on the sticker, like 7KQ2-M9XD.",
        filters=[strip],
        validators=[InputRequired("Enter the certificate code"),
                    Length(max=24, message="Certificate code must be 24 characters or fewer")],
    )
    submit = SubmitField("Check the certificate", widget=GovSubmitInput())

    def validate_code(self, field):
        # Without this, the number printed on the certificate is reported as a code we cannot find.
        if is_certificate_number(field.data):
            raise ValidationError("Enter the code printed under the QR code, not the certificate number")
