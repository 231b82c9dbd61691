from datetime import datetime, timezone

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from scheme.business.forms.submit import SubmitApplicationForm
from scheme.business.views import bp
from scheme.domain import clock
from scheme.domain.errors import InvalidState
from scheme.domain.premises import applications
from scheme.enums import ApplicationStatus
from scheme.security import business_only


@bp.route("/premises/<int:premises_id>/check-answers")
@business_only
def check_answers(premises_id: int):
    application = applications.application_for(current_user, premises_id, clock.today())
    return render_template("business/check_answers.html", application=application, premises=application.premises,
                           form=SubmitApplicationForm(), Task=applications.Task,
                           answer_labels=applications.ANSWER_LABELS)


@bp.route("/premises/<int:premises_id>/submit", methods=["POST"])
@business_only
def submit_application(premises_id: int):
    form = SubmitApplicationForm()
    if form.validate_on_submit():
        try:
            premises = applications.submit_application(current_user, premises_id, datetime.now(timezone.utc),
                                                       clock.today())
        except InvalidState as error:
            flash(f"Your application was not submitted. {error}", "info")
            return redirect(url_for("business.task_list", premises_id=premises_id))
        return redirect(url_for("business.application_submitted", premises_id=premises.id))
    return redirect(url_for("business.check_answers", premises_id=premises_id))


@bp.route("/premises/<int:premises_id>/submitted")
@business_only
def application_submitted(premises_id: int):
    application = applications.application_for(current_user, premises_id, clock.today())
    if application.premises.status != ApplicationStatus.SUBMITTED:
        return redirect(url_for("business.task_list", premises_id=premises_id))
    return render_template("business/application_submitted.html", premises=application.premises)
