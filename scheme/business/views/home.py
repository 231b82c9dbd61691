from flask import render_template

from scheme.business.views import bp
from scheme.security import business_only


@bp.route("/")
@business_only
def home():
    return render_template("business/home.html")
