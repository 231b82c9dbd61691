from datetime import date

from flask import render_template
from flask_login import current_user

from scheme.business.views import bp
from scheme.domain.premises.business_home import home_for
from scheme.security import business_only


@bp.route("/")
@business_only
def home():
    summaries = home_for(current_user, date.today())
    return render_template("business/home.html", summaries=summaries, today=date.today())
