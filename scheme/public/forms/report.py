from wtforms import Form, RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired

from scheme.enums import StickerReportReason


class StickerReportForm(Form):
    """The public's one question about a sticker. A plain form: its page opens no session, so
    it has no CSRF token (security.without_session); it takes no free text."""

    reason = RadioField("What looks wrong?",
                        choices=[SelectChoice(reason.value, reason.label) for reason in StickerReportReason],
                        validators=[InputRequired("Select what looks wrong with the sticker")])
