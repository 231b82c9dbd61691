from flask import jsonify, redirect, render_template, request, url_for

from scheme.domain import health, settings
from scheme.public.forms.pages import CheckCertificateForm
from scheme.public.views import bp
from scheme.security import public


@bp.route("/")
@public
def index():
    return render_template("public/index.html", form=CheckCertificateForm(formdata=None))


@bp.route("/check")
@public
def check_certificate():
    form = CheckCertificateForm(request.args)
    if form.validate():
        return redirect(url_for("public.verify_certificate", code=form.code.data))
    return render_template("public/index.html", form=form)


@bp.route("/accessibility")
@public
def accessibility():
    return render_template("public/accessibility.html", contact=settings.contact())


@bp.route("/privacy")
@public
def privacy():
    rules = settings.load()
    return render_template("public/privacy.html", contact=rules.contact, rules=rules)


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
