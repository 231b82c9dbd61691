from flask import render_template

from scheme.admin.views import bp
from scheme.security import admin_only


@bp.route("/")
@admin_only
def home():
    return render_template("admin/home.html")
