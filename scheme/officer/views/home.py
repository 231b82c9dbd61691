from flask import render_template

from scheme.officer.views import bp
from scheme.security import staff_only


@bp.route("/")
@staff_only
def home():
    return render_template("officer/home.html")
