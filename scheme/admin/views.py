from flask import Blueprint, render_template

from scheme.security import admin_only

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.route("/")
@admin_only
def home():
    return render_template("admin/home.html")
