from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from scheme.admin.forms.users import InviteForm, SettingsForm
from scheme.admin.views import bp
from scheme.domain import areas, settings
from scheme.domain.accounts import staff_users, two_factor
from scheme.domain.accounts.users import EmailTaken
from scheme.domain.errors import InvalidState
from scheme.enums import Role
from scheme.form_fields import ConfirmForm
from scheme.security import admin_only


@bp.route("/users")
@admin_only
def list_users():
    return render_template("admin/list_users.html", users=staff_users.staff_users(), form=ConfirmForm(),
                           areas_of=areas.names_by_officer())


@bp.route("/users/invite", methods=["GET", "POST"])
@admin_only
def invite_user():
    form = InviteForm()
    if form.validate_on_submit():
        try:
            user = staff_users.invite(current_user, email=form.email.data, name=form.name.data, role=Role(form.role.data))
        except EmailTaken as error:
            form.email.errors.append(str(error))
        else:
            flash(f"Invitation sent to {user.email}")
            return redirect(url_for("admin.list_users"))
    return render_template("admin/invite_user.html", form=form)


@bp.route("/users/<int:user_id>/deactivate", methods=["POST"])
@admin_only
def deactivate_user(user_id: int):
    return _set_active(user_id, False)


@bp.route("/users/<int:user_id>/reactivate", methods=["POST"])
@admin_only
def reactivate_user(user_id: int):
    return _set_active(user_id, True)


@bp.route("/users/<int:user_id>/reset-two-factor", methods=["POST"])
@admin_only
def reset_two_factor(user_id: int):
    form = ConfirmForm()
    if form.validate_on_submit():
        user = two_factor.reset(current_user, staff_users.staff_user(user_id))
        flash(f"{user.name}'s two-factor sign-in is reset: they set it up again when they next sign in")
    return redirect(url_for("admin.list_users"))


def _set_active(user_id: int, active: bool):
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            user = staff_users.set_active(current_user, user_id, active)
        except InvalidState as error:
            flash(str(error), "error")
        else:
            flash(f"{user.name} can {'now' if active else 'no longer'} sign in")
    return redirect(url_for("admin.list_users"))


@bp.route("/settings", methods=["GET", "POST"])
@admin_only
def edit_settings():
    current = settings.load()
    form = SettingsForm(data=current.__dict__)
    if form.validate_on_submit():
        settings.update(current_user, {name: form[name].data for name in current.__dict__})
        flash("Settings saved")
        return redirect(url_for("admin.edit_settings"))
    return render_template("admin/edit_settings.html", form=form)
