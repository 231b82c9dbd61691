from flask import jsonify, render_template

from scheme.domain import health
from scheme.public.views import bp
from scheme.security import public


@bp.route("/")
@public
def index():
    return render_template("public/index.html")


@bp.route("/accessibility")
@public
def accessibility():
    return render_template("public/accessibility.html")


@bp.route("/privacy")
@public
def privacy():
    return render_template("public/privacy.html")


@bp.route("/cookies")
@public
def cookies():
    return render_template("public/cookies.html")


@bp.route("/healthz")
@public
def healthz():
    if health.database_answers():
        return jsonify(status="ok")
    return jsonify(status="unavailable"), 503
