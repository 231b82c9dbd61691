from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from scheme.domain import clock
from scheme.domain.errors import DomainError, InvalidState
from scheme.domain.visits import covert
from scheme.officer.forms.covert_visits import test_results_form, test_visit_form
from scheme.officer.forms.readiness import ReviewTestVisitForm
from scheme.officer.views import bp
from scheme.security import premises_route, staff_only, test_visit_route


@bp.route("/premises/<int:premises_id>/test-visits/new", methods=["GET", "POST"])
@staff_only
@premises_route
def record_test_visit(premises):
    form = test_visit_form(covert.testable_standards(premises))()
    if form.validate_on_submit():
        behaviours = [covert.ExpectedBehaviour(text, standard_id) for standard_id, text in form.behaviour_list()]
        try:
            visit = covert.record_test_visit(current_user, premises.id, scenario=form.scenario.data,
                                             visit_date=form.visit_date.data, behaviours=behaviours)
        except DomainError as error:
            flash(str(error), "error")
            return redirect(url_for("officer.show_premises", premises_id=premises.id))
        return redirect(url_for("officer.show_test_visit", visit_id=visit.id))
    return render_template("officer/record_test_visit.html", premises=premises, form=form)


@bp.route("/test-visits/<int:visit_id>", methods=["GET", "POST"])
@staff_only
@test_visit_route
def show_test_visit(visit, premises):
    form = test_results_form(visit.checks)()
    if visit.completed_at is None and form.validate_on_submit():
        results = {check.id: form[f"check_{check.id}"].data == "yes" for check in visit.checks}
        try:
            visit = covert.record_results(current_user, visit.id, results, form.summary.data or "")
        except InvalidState as error:
            flash(str(error), "error")
        return redirect(url_for("officer.show_test_visit", visit_id=visit.id))
    certificate = covert.certificate_to_suspend(premises)
    return render_template("officer/show_test_visit.html", visit=visit, premises=premises, form=form,
                           check_fields=[form[f"check_{check.id}"] for check in visit.checks],
                           suspend_certificate=certificate, today=clock.today(), review_form=ReviewTestVisitForm())
