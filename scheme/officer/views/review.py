from datetime import date

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from scheme.domain.errors import InvalidState
from scheme.domain.premises import review
from scheme.form_fields import ConfirmForm
from scheme.officer.forms.review import RejectForm, RequestChangesForm
from scheme.officer.views import bp
from scheme.security import staff_only


def _page(premises_id: int, template: str, form, **context):
    premises = review.application(premises_id)
    self_assessment = review.latest_self_assessment(premises_id)
    return render_template(
        f"officer/{template}.html", premises=premises, form=form, pledge=review.latest_pledge(premises_id),
        self_assessment=self_assessment, answers=review.answers_of(self_assessment) if self_assessment else [],
        **context,
    )


@bp.route("/applications/<int:premises_id>", methods=["GET", "POST"])
@staff_only
def review_application(premises_id: int):
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            premises = review.approve(current_user, premises_id)
        except InvalidState as error:
            flash(str(error), "error")
            return redirect(url_for("officer.review_application", premises_id=premises_id))
        flash(f"{premises.display_name} is now a member of the scheme")
        return redirect(url_for("officer.show_premises", premises_id=premises_id))
    return _page(premises_id, "review_application", form)


@bp.route("/applications/<int:premises_id>/request-changes", methods=["GET", "POST"])
@staff_only
def request_changes(premises_id: int):
    form = RequestChangesForm()
    form.today = date.today()
    if form.validate_on_submit():
        try:
            review.request_changes(current_user, premises_id, form.message.data, form.due_on.data)
        except InvalidState as error:
            flash(str(error), "error")
            return redirect(url_for("officer.review_application", premises_id=premises_id))
        flash("Changes requested: the business has been emailed")
        return redirect(url_for("officer.show_premises", premises_id=premises_id))
    return _page(premises_id, "request_changes", form)


@bp.route("/applications/<int:premises_id>/reject", methods=["GET", "POST"])
@staff_only
def reject_application(premises_id: int):
    form = RejectForm()
    if form.validate_on_submit():
        try:
            review.reject(current_user, premises_id, form.reason.data)
        except InvalidState as error:
            flash(str(error), "error")
            return redirect(url_for("officer.review_application", premises_id=premises_id))
        flash("Application rejected: the business has been emailed the reason")
        return redirect(url_for("officer.show_premises", premises_id=premises_id))
    return _page(premises_id, "reject_application", form)
