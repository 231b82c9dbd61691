from datetime import datetime, timezone

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from scheme.business.forms.premises import (
    PledgeForm,
    PremisesDetailsForm,
    PublicAddressForm,
    SafeguardingLeadForm,
    revision_of,
    self_assessment_form,
)
from scheme.business.views import bp
from scheme.domain import areas, clock
from scheme.domain.errors import InvalidState
from scheme.domain.premises import applications
from scheme.enums import Answer
from scheme.security import business_only, premises_route


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _read_only(application):
    flash(application.reasons_not_to_submit[0] if application.reasons_not_to_submit else
          "This application cannot be changed now", "info")
    return redirect(url_for("business.task_list", premises_id=application.premises.id))


@bp.route("/premises/new", methods=["GET", "POST"])
@business_only
def add_premises():
    form = PremisesDetailsForm(areas.choices(), areas.suggested_for)
    if form.validate_on_submit():
        premises = applications.add_premises(current_user, form.details())
        flash(f"{premises.display_name} has been added. Now complete the other tasks.", "success")
        return redirect(url_for("business.task_list", premises_id=premises.id))
    return render_template("business/add_premises.html", form=form)


@bp.route("/premises/<int:premises_id>")
@business_only
def task_list(premises_id: int):
    application = applications.application_for(current_user, premises_id, clock.today())
    return render_template("business/task_list.html", application=application, premises=application.premises,
                           Task=applications.Task, TaskStatus=applications.TaskStatus)


@bp.route("/premises/<int:premises_id>/details", methods=["GET", "POST"])
@business_only
def edit_details(premises_id: int):
    application = applications.application_for(current_user, premises_id, clock.today())
    if not application.editable:
        return _read_only(application)
    form = PremisesDetailsForm(areas.choices(including=[application.premises.area_id]), areas.suggested_for)
    if not form.is_submitted():
        form.fill_from(application.premises)
    if form.validate_on_submit():
        applications.update_details(current_user, premises_id, form.details())
        flash("Premises details saved", "success")
        return redirect(url_for("business.task_list", premises_id=premises_id))
    return render_template("business/edit_details.html", form=form, premises=application.premises)


@bp.route("/premises/<int:premises_id>/safeguarding-lead", methods=["GET", "POST"])
@business_only
def edit_lead(premises_id: int):
    application = applications.application_for(current_user, premises_id, clock.today())
    if not application.editable:
        return _read_only(application)
    form = SafeguardingLeadForm()
    if not form.is_submitted() and application.lead is not None:
        form.name.data = application.lead.name
        form.job_role.data = application.lead.job_role.value
        form.phone.data = application.premises.lead_phone
        form.email.data = application.premises.lead_email
    if form.validate_on_submit():
        applications.save_safeguarding_lead(current_user, premises_id, name=form.name.data,
                                            job_role=form.job_role.data, phone=form.phone.data,
                                            email=form.email.data or "", today=clock.today())
        flash("Safeguarding lead saved", "success")
        return redirect(url_for("business.task_list", premises_id=premises_id))
    return render_template("business/edit_lead.html", form=form, premises=application.premises)


@bp.route("/premises/<int:premises_id>/pledge", methods=["GET", "POST"])
@business_only
def make_pledge(premises_id: int):
    application = applications.application_for(current_user, premises_id, clock.today())
    form = PledgeForm()
    if form.validate_on_submit():
        try:
            applications.pledge_to_standards(current_user, premises_id, _now())
        except InvalidState as error:
            flash(str(error), "info")
        else:
            flash("Thank you. Your pledge to the standards has been recorded.", "success")
        return redirect(url_for("business.task_list", premises_id=premises_id))
    return render_template("business/make_pledge.html", form=form, application=application,
                           premises=application.premises)


@bp.route("/premises/<int:premises_id>/self-assessment", methods=["GET", "POST"])
@business_only
def self_assessment(premises_id: int):
    application = applications.application_for(current_user, premises_id, clock.today())
    if not application.editable:
        return _read_only(application)
    form = self_assessment_form(application.applicable)
    if not form.is_submitted():
        for standard in application.applicable:
            saved = application.answer_for(standard)
            if saved is not None:
                form[f"answer_{standard.id}"].data = saved.answer.value if saved.answer else None
                form[f"note_{standard.id}"].data = saved.note
                form[f"revision_{standard.id}"].data = str(saved.revision)
    if form.validate_on_submit():
        answers = {
            standard.id: (Answer(form[f"answer_{standard.id}"].data) if form[f"answer_{standard.id}"].data else None,
                          form[f"note_{standard.id}"].data or "")
            for standard in application.applicable
        }
        revisions = {standard.id: revision_of(form[f"revision_{standard.id}"]) for standard in application.applicable}
        try:
            applications.save_self_assessment(current_user, premises_id, answers, _now(), revisions)
        except applications.ChangedMeanwhile as conflict:
            # Keep this user's input, show what changed, and let the next save go through.
            application = applications.application_for(current_user, premises_id, clock.today())
            for standard_id in conflict.standard_ids:
                saved = next(a for a in application.assessment.answers if a.standard_id == standard_id)
                form[f"answer_{standard_id}"].errors.append(
                    f"{str(conflict)}. They answered: {applications.ANSWER_LABELS.get(saved.answer, 'nothing')}"
                    + (f" ({saved.note})" if saved.note else ""))
                form[f"revision_{standard_id}"].data = str(saved.revision)
        else:
            flash("Self-assessment saved", "success")
            return redirect(url_for("business.task_list", premises_id=premises_id))
    return render_template("business/self_assessment.html", form=form, application=application,
                           premises=application.premises)


@bp.route("/premises/<int:premises_id>/public-address", methods=["GET", "POST"])
@business_only
@premises_route
def edit_public_address(premises):
    form = PublicAddressForm()
    if not form.is_submitted():
        form.show_home_address.data = "yes" if premises.show_home_address else "no"
    if premises.home_based and form.validate_on_submit():
        applications.choose_public_address(current_user, premises.id,
                                           show_home_address=form.show_home_address.data == "yes")
        flash("Your choice has been saved", "success")
        return redirect(url_for("business.home"))
    return render_template("business/edit_public_address.html", form=form, premises=premises)
