from flask import Blueprint, render_template

from scheme.security import business_only

bp = Blueprint("business", __name__, url_prefix="/business")


@bp.route("/")
@business_only
def home():
    return render_template("business/home.html")
