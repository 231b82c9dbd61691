from flask import Blueprint, render_template

from scheme.security import staff_only

bp = Blueprint("officer", __name__, url_prefix="/officer")


@bp.route("/")
@staff_only
def home():
    return render_template("officer/home.html")
