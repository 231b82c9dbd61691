from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from scheme.admin.forms.standards import PublishForm, StandardForm
from scheme.admin.views import bp
from scheme.domain import standards
from scheme.domain.errors import InvalidState
from scheme.form_fields import ConfirmForm
from scheme.security import admin_only

FIELDS = ("code", "title", "guidance", "evidence_expected", "mandatory", "premises_types")


@bp.route("/standards", methods=["GET", "POST"])
@admin_only
def list_standards_versions():
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            version = standards.start_draft(current_user)
        except InvalidState as error:
            flash(str(error), "error")
            return redirect(url_for("admin.list_standards_versions"))
        flash(f"Draft version {version.number} started from the latest standards")
        return redirect(url_for("admin.show_standards_version", version_id=version.id))
    return render_template("admin/list_standards_versions.html", versions=standards.versions(), form=form)


@bp.route("/standards/<int:version_id>", methods=["GET", "POST"])
@admin_only
def show_standards_version(version_id: int):
    version = standards.get_version(version_id)
    form = PublishForm()
    if form.validate_on_submit():
        try:
            standards.publish(current_user, version_id, form.summary_of_changes.data)
        except InvalidState as error:
            flash(str(error), "error")
        else:
            flash(f"Version {version.number} is published: businesses will be asked to pledge again")
        return redirect(url_for("admin.show_standards_version", version_id=version_id))
    return render_template("admin/show_standards_version.html", version=version, form=form)


def _edit(version_id: int, standard_id: int | None):
    version = standards.get_version(version_id)
    standard = standards.get_standard(standard_id) if standard_id else None
    form = StandardForm(obj=standard)
    if form.validate_on_submit():
        try:
            standards.save_standard(current_user, version_id, standard_id,
                                    **{name: form[name].data for name in FIELDS})
        except InvalidState as error:
            form.code.errors.append(str(error))
            # As they are now, after the refused change.
            version = standards.get_version(version_id)
            standard = standards.get_standard(standard_id) if standard_id else None
        else:
            flash(f"Standard {form.code.data} saved")
            return redirect(url_for("admin.show_standards_version", version_id=version_id))
    return render_template("admin/edit_standard.html", version=version, standard=standard, form=form)


@bp.route("/standards/<int:version_id>/new", methods=["GET", "POST"])
@admin_only
def add_standard(version_id: int):
    return _edit(version_id, None)


@bp.route("/standards/<int:version_id>/standards/<int:standard_id>", methods=["GET", "POST"])
@admin_only
def edit_standard(version_id: int, standard_id: int):
    return _edit(version_id, standard_id)


@bp.route("/standards/<int:version_id>/standards/<int:standard_id>/move", methods=["POST"])
@admin_only
def move_standard(version_id: int, standard_id: int):
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            standards.move_standard(current_user, version_id, standard_id, -1 if request.form.get("to") == "up" else 1)
        except InvalidState as error:
            flash(str(error), "error")
    return redirect(url_for("admin.show_standards_version", version_id=version_id))
