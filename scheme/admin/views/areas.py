from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from scheme.admin.forms.areas import AreaForm, OfficerAreasForm
from scheme.admin.views import bp
from scheme.domain import areas
from scheme.domain.accounts import staff_users
from scheme.domain.errors import InvalidState
from scheme.form_fields import ConfirmForm
from scheme.security import admin_only


@bp.route("/areas")
@admin_only
def list_areas():
    return render_template("admin/list_areas.html", rows=areas.all_areas())


@bp.route("/areas/new", methods=["GET", "POST"])
@admin_only
def add_area():
    form = AreaForm()
    if form.validate_on_submit():
        try:
            area = areas.add_area(actor=current_user, name=form.name.data, districts=form.district_list)
        except areas.NameTaken as error:
            form.name.errors.append(str(error))
        except areas.DistrictTaken as error:
            form.districts.errors.append(str(error))
        else:
            flash(f"{area.name} added", "success")
            return redirect(url_for("admin.list_areas"))
    return render_template("admin/add_area.html", form=form)


@bp.route("/areas/<int:area_id>", methods=["GET", "POST"])
@admin_only
def edit_area(area_id: int):
    area = areas.get_area(area_id)
    form = AreaForm(data={"name": area.name, "districts": ", ".join(d.district for d in area.districts)})
    if form.validate_on_submit():
        try:
            area = areas.update_area(area_id, actor=current_user, name=form.name.data, districts=form.district_list)
        except areas.NameTaken as error:
            form.name.errors.append(str(error))
            area = areas.get_area(area_id)  # read again: the refused change was rolled back
        except areas.DistrictTaken as error:
            form.districts.errors.append(str(error))
            area = areas.get_area(area_id)
        else:
            flash(f"{area.name} saved", "success")
            return redirect(url_for("admin.list_areas"))
    return render_template("admin/edit_area.html", form=form, area=area, may_delete=areas.may_delete(area_id),
                           confirm=ConfirmForm(prefix="confirm"))


@bp.route("/areas/<int:area_id>/retire", methods=["POST"])
@admin_only
def retire_area(area_id: int):
    return _set_active(area_id, False)


@bp.route("/areas/<int:area_id>/reactivate", methods=["POST"])
@admin_only
def reactivate_area(area_id: int):
    return _set_active(area_id, True)


def _set_active(area_id: int, active: bool):
    if ConfirmForm(prefix="confirm").validate_on_submit():
        area = areas.set_active(area_id, actor=current_user, active=active)
        flash(f"{area.name} is offered to businesses again" if active
              else f"{area.name} is retired: its premises stay in it, and nobody new can choose it", "success")
    return redirect(url_for("admin.edit_area", area_id=area_id))


@bp.route("/areas/<int:area_id>/delete", methods=["POST"])
@admin_only
def delete_area(area_id: int):
    if ConfirmForm(prefix="confirm").validate_on_submit():
        try:
            name = areas.delete_area(area_id, actor=current_user)
        except InvalidState as error:
            flash(str(error), "error")
            return redirect(url_for("admin.edit_area", area_id=area_id))
        flash(f"{name} deleted", "success")
    return redirect(url_for("admin.list_areas"))


@bp.route("/users/<int:user_id>/areas", methods=["GET", "POST"])
@admin_only
def edit_officer_areas(user_id: int):
    user = staff_users.staff_user(user_id)
    assigned = areas.areas_of(user_id)
    form = OfficerAreasForm(areas.choices(including=assigned), data={"area_ids": assigned})
    if form.validate_on_submit():
        areas.assign_officer(user_id, actor=current_user, area_ids=form.area_ids.data or [])
        flash(f"{user.name}'s areas saved", "success")
        return redirect(url_for("admin.list_users"))
    return render_template("admin/edit_officer_areas.html", form=form, user=user)
