from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from scheme.domain import clock
from scheme.domain.errors import DomainError
from scheme.domain.premises import readiness
from scheme.officer.forms.readiness import EndHoldForm, HoldForm, ReviewTestVisitForm
from scheme.officer.views import bp
from scheme.security import premises_route, staff_only, test_visit_route


@bp.route("/premises/<int:premises_id>/hold-as-ready", methods=["GET", "POST"])
@staff_only
@premises_route
def hold_as_ready(premises):
    form = HoldForm()
    if form.validate_on_submit():
        try:
            readiness.hold_as_ready(current_user, premises.id, reason=form.reason.data, until=form.until.data,
                                    today=clock.today())
        except DomainError as error:
            form.until.errors = [*form.until.errors, str(error)]
        else:
            flash("The premises is held as ready", "success")
            return redirect(url_for("officer.show_premises", premises_id=premises.id))
    return render_template("officer/hold_as_ready.html", premises=premises, form=form)


@bp.route("/premises/<int:premises_id>/end-hold", methods=["POST"])
@staff_only
@premises_route
def end_hold(premises):
    if EndHoldForm().validate_on_submit():
        try:
            readiness.end_hold(current_user, premises.id)
            flash("The hold has ended", "success")
        except DomainError as error:
            flash(str(error), "error")
    return redirect(url_for("officer.show_premises", premises_id=premises.id))


@bp.route("/test-visits/<int:visit_id>/review", methods=["POST"])
@staff_only
@test_visit_route
def review_test_visit(visit, premises):
    form = ReviewTestVisitForm()
    if form.validate_on_submit():
        try:
            readiness.review_test_visit(current_user, visit.id, form.note.data)
            flash("The review is recorded: the test visit no longer suspends the premises", "success")
        except DomainError as error:
            flash(str(error), "error")
    else:
        for errors in form.errors.values():
            for error in errors:
                flash(error, "error")
    return redirect(url_for("officer.show_test_visit", visit_id=visit.id))
