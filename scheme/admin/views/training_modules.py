from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from scheme.admin.forms.training_modules import TrainingModuleForm
from scheme.admin.views import bp
from scheme.domain.errors import DomainError
from scheme.domain.training import modules
from scheme.security import admin_only


@bp.route("/training-modules")
@admin_only
def training_modules():
    return render_template("admin/training_modules.html", modules=modules.all_modules())


def _details(form: TrainingModuleForm) -> modules.ModuleDetails:
    return modules.ModuleDetails(
        title=form.title.data, provider=form.provider.data, description=form.description.data or "",
        url=form.url.data or "", validity_months=form.validity_months.data,
        required_roles=list(form.required_roles.data or []), equivalent_allowed=form.equivalent_allowed.data,
        active=form.active.data, business_records_need_approval=form.business_records_need_approval.data,
    )


@bp.route("/training-modules/new", methods=["GET", "POST"])
@admin_only
def add_training_module():
    form = TrainingModuleForm()
    if form.validate_on_submit():
        try:
            created = modules.add_module(current_user, _details(form))
        except DomainError as error:
            form.title.errors = [*form.title.errors, str(error)]
        else:
            flash(f"{created.title} added")
            return redirect(url_for("admin.training_modules"))
    return render_template("admin/add_training_module.html", form=form)


@bp.route("/training-modules/<int:module_id>/edit", methods=["GET", "POST"])
@admin_only
def edit_training_module(module_id: int):
    module = modules.module(module_id)
    form = TrainingModuleForm(obj=module)
    if form.validate_on_submit():
        try:
            modules.update_module(current_user, module_id, _details(form))
        except DomainError as error:
            form.title.errors = [*form.title.errors, str(error)]
        else:
            flash(f"{form.title.data} saved")
            return redirect(url_for("admin.training_modules"))
    return render_template("admin/edit_training_module.html", module=module, form=form)
