"""A premises's staff and their training: the business's page (officers see it too)."""


from flask import Response, flash, redirect, render_template, request, url_for
from flask_login import current_user

from scheme.business.forms.training import (
    ImportConfirmForm,
    ImportUploadForm,
    StaffForm,
    TrainingRecordForm,
)
from scheme.business.views import bp
from scheme.domain import audit_log, clock
from scheme.domain.access import premises_for
from scheme.domain.errors import DomainError, StaleEdit
from scheme.domain.training import compliance_for, imports, records, staff
from scheme.domain.training.common import active_modules
from scheme.enums import JobRole, TrainingEvidence
from scheme.ids import parse_id
from scheme.security import premises_route, signed_in, staff_member_route, upload_rate_limited


def _show_error(field, error: DomainError) -> None:
    field.errors = [*field.errors, str(error)]


@bp.route("/premises/<int:premises_id>/training")
@signed_in
@premises_route
def premises_training(premises):
    today = clock.today()
    page = render_template(
        "business/premises_training.html", premises=premises, compliance=compliance_for(premises.id, today),
        people=staff.staff_of(premises.id), standings=records.standings_of(premises.id), today=today,
    )
    audit_log.record_read(current_user, "training.staff_list_viewed", premises_id=premises.id)
    return page


@bp.route("/premises/<int:premises_id>/staff/new", methods=["GET", "POST"])
@signed_in
@premises_route
def add_staff(premises):
    form = StaffForm()
    if form.validate_on_submit():
        try:
            person = staff.add_staff(current_user, premises.id, _staff_details(form))
        except DomainError as error:
            _show_error(form.name, error)
        else:
            flash(f"{person.name} added", "success")
            return redirect(url_for("business.premises_training", premises_id=premises.id))
    return render_template("business/add_staff.html", premises=premises, form=form)


@bp.route("/staff/<int:staff_id>/edit", methods=["GET", "POST"])
@signed_in
@staff_member_route
def edit_staff(person):
    form = StaffForm(obj=person)
    if request.method == "GET":
        form.job_role.data = person.job_role.value
    if form.validate_on_submit():
        try:
            staff.update_staff(current_user, person.id, _staff_details(form), form.revision_number())
        except StaleEdit as error:
            # Shown with the details as they are now, to check and change again.
            person = staff.staff_member_for(current_user, person.id)
            form = StaffForm(formdata=None, obj=person)
            form.job_role.data = person.job_role.value
            _show_error(form.name, error)
        except DomainError as error:
            _show_error(form.left_on, error)
        else:
            flash(f"{form.name.data} updated", "success")
            return redirect(url_for("business.premises_training", premises_id=person.premises_id))
    person = staff.staff_member_for(current_user, person.id)  # as it is now, after any failed change
    return render_template("business/edit_staff.html", person=person, premises=person.premises, form=form)


def _staff_details(form: StaffForm) -> staff.StaffDetails:
    return staff.StaffDetails(name=form.name.data, job_role=JobRole(form.job_role.data),
                              started_on=form.started_on.data, left_on=form.left_on.data,
                              is_safeguarding_lead=form.is_safeguarding_lead.data)


@bp.route("/staff/<int:staff_id>/training/new", methods=["GET", "POST"])
@upload_rate_limited
@signed_in
@staff_member_route
def add_training_record(person):
    today = clock.today()
    form = TrainingRecordForm(modules=active_modules(), today=today)
    if request.method == "GET" and parse_id(request.args.get("module")) is not None:
        form.module_id.data = parse_id(request.args["module"])
    if form.validate_on_submit():
        upload = None
        if form.certificate.data:
            upload = records.Upload(form.certificate.data.filename or "certificate", form.certificate.data.read())
        details = records.RecordDetails(form.module_id.data, form.completed_on.data,
                                        TrainingEvidence(form.evidence.data), upload)
        try:
            saved = records.record_training(current_user, person.id, details, today)
        except DomainError as error:
            _show_error(form.certificate if "certificate" in str(error).lower() else form.module_id, error)
        else:
            waiting = records.is_waiting(saved)
            flash("Training recorded" + (": it counts once an officer has checked it" if waiting else ""))
            return redirect(url_for("business.premises_training", premises_id=person.premises_id))
    person = staff.staff_member_for(current_user, person.id)  # as it is now, after any failed change
    return render_template("business/add_training_record.html", person=person, premises=person.premises, form=form)


@bp.route("/training-files/<int:file_id>")
@signed_in
def download_certificate(file_id: int):
    stored = records.certificate_for(current_user, file_id)
    response = Response(stored.content, mimetype=stored.content_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{stored.filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.route("/premises/<int:premises_id>/training.csv")
@signed_in
@premises_route
def export_training(premises):
    response = _csv(imports.export_csv(premises.id), f"training-{premises.id}.csv")
    audit_log.record_read(current_user, "training.exported", premises_id=premises.id)
    return response


@bp.route("/training-import-template.csv")
@signed_in
def training_import_template():
    return _csv(imports.template_csv(), "training-import-template.csv")


def _csv(text: str, filename: str) -> Response:
    response = Response(text, mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/premises/<int:premises_id>/training/import", methods=["GET", "POST"])
@signed_in
@premises_route
def import_training(premises):
    form = ImportUploadForm()
    if form.validate_on_submit():
        try:
            stored = imports.upload_import(current_user, premises.id, form.file.data.filename or "import.csv",
                                           form.file.data.read(), clock.today())
        except DomainError as error:
            _show_error(form.file, error)
        else:
            return redirect(url_for("business.preview_training_import", premises_id=premises.id, file_id=stored.id))
        premises = premises_for(current_user, premises.id)  # as it is now, after the refused import
    return render_template("business/import_training.html", premises=premises, form=form)


@bp.route("/premises/<int:premises_id>/training/import/<int:file_id>", methods=["GET", "POST"])
@signed_in
@premises_route
def preview_training_import(premises, file_id: int):
    today = clock.today()
    preview = imports.preview_import(current_user, premises.id, file_id, today)
    form = ImportConfirmForm()
    if form.validate_on_submit():
        try:
            result = imports.run_import(current_user, premises.id, file_id, form.only_valid.data, today)
        except DomainError as error:
            _show_error(form.only_valid, error)
            # As they are now, after the refused import.
            premises = premises_for(current_user, premises.id)
            preview = imports.preview_import(current_user, premises.id, file_id, today)
        else:
            flash(f"Imported {result.staff_added} new staff and {result.completions_added} completions"
                  + (f"; {result.rows_skipped} rows with errors were left out" if result.rows_skipped else ""))
            return redirect(url_for("business.premises_training", premises_id=premises.id))
    return render_template("business/preview_training_import.html", premises=premises, preview=preview, form=form,
                           shown_rows=preview.rows[:500])
