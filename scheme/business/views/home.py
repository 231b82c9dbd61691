
from flask import render_template
from flask_login import current_user

from scheme.business.views import bp
from scheme.domain import clock
from scheme.domain.certificates import stickers
from scheme.domain.premises.business_home import home_for
from scheme.form_fields import ConfirmForm
from scheme.security import business_only


@bp.route("/")
@business_only
def home():
    today = clock.today()
    summaries = home_for(current_user, today)
    to_remove = stickers.stickers_to_remove(today, premises_ids=[summary.premises.id for summary in summaries])
    return render_template("business/home.html", summaries=summaries, today=today, to_remove=to_remove,
                           print_form=ConfirmForm())
