from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from scheme.domain import clock
from scheme.domain.errors import InvalidState
from scheme.domain.premises import review
from scheme.domain.training import compliance_for
from scheme.form_fields import ConfirmForm
from scheme.officer.forms.review import RejectForm, RequestChangesForm
from scheme.officer.views import bp
from scheme.security import premises_route, staff_only


def _page(premises, template: str, form, **context):
    self_assessment = review.latest_self_assessment(premises.id)
    return render_template(
        f"officer/{template}.html", premises=premises, form=form, pledge=review.latest_pledge(premises.id),
        self_assessment=self_assessment, answers=review.answers_of(self_assessment) if self_assessment else [],
        # Who the safeguarding lead is, the staff and their training: decided on, not assumed.
        compliance=compliance_for(premises.id, clock.today()),
        **context,
    )


@bp.route("/applications/<int:premises_id>", methods=["GET", "POST"])
@staff_only
@premises_route
def review_application(premises):
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            premises = review.approve(current_user, premises.id)
        except InvalidState as error:
            flash(str(error), "error")
            return redirect(url_for("officer.review_application", premises_id=premises.id))
        flash(f"{premises.display_name} is now a member of the scheme")
        return redirect(url_for("officer.show_premises", premises_id=premises.id))
    return _page(premises, "review_application", form)


@bp.route("/applications/<int:premises_id>/request-changes", methods=["GET", "POST"])
@staff_only
@premises_route
def request_changes(premises):
    form = RequestChangesForm()
    form.today = clock.today()
    if form.validate_on_submit():
        try:
            review.request_changes(current_user, premises.id, form.message.data, form.due_on.data)
        except InvalidState as error:
            flash(str(error), "error")
            return redirect(url_for("officer.review_application", premises_id=premises.id))
        flash("Changes requested: the business has been emailed")
        return redirect(url_for("officer.show_premises", premises_id=premises.id))
    return _page(premises, "request_changes", form)


@bp.route("/applications/<int:premises_id>/reject", methods=["GET", "POST"])
@staff_only
@premises_route
def reject_application(premises):
    form = RejectForm()
    if form.validate_on_submit():
        try:
            review.reject(current_user, premises.id, form.reason.data)
        except InvalidState as error:
            flash(str(error), "error")
            return redirect(url_for("officer.review_application", premises_id=premises.id))
        flash("Application rejected: the business has been emailed the reason")
        return redirect(url_for("officer.show_premises", premises_id=premises.id))
    return _page(premises, "reject_application", form)
