from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from scheme.admin.forms.reporting_routes import MoveForm, ReportingRouteForm
from scheme.admin.views import bp
from scheme.domain import reporting_routes
from scheme.enums import RouteKind
from scheme.security import admin_only


def _fields(form: ReportingRouteForm) -> dict:
    return dict(label=form.label.data, kind=RouteKind(form.kind.data), value=form.value.data,
                what_to_say=form.what_to_say.data or "", premises_types=list(form.premises_types.data or []),
                emergency=form.emergency.data, active=form.active.data)


@bp.route("/reporting-routes")
@admin_only
def list_reporting_routes():
    return render_template("admin/list_reporting_routes.html", routes=reporting_routes.all_routes(), form=MoveForm())


@bp.route("/reporting-routes/new", methods=["GET", "POST"])
@admin_only
def add_reporting_route():
    form = ReportingRouteForm()
    if form.validate_on_submit():
        route = reporting_routes.add_route(actor=current_user, **_fields(form))
        flash(f"{route.label} added", "success")
        return redirect(url_for("admin.list_reporting_routes"))
    return render_template("admin/add_reporting_route.html", form=form)


@bp.route("/reporting-routes/<int:route_id>", methods=["GET", "POST"])
@admin_only
def edit_reporting_route(route_id: int):
    route = reporting_routes.get_route(route_id)
    form = ReportingRouteForm(obj=route)
    if form.validate_on_submit():
        reporting_routes.update_route(route_id, actor=current_user, **_fields(form))
        flash(f"{form.label.data} saved", "success")
        return redirect(url_for("admin.list_reporting_routes"))
    return render_template("admin/edit_reporting_route.html", form=form, route=route)


@bp.route("/reporting-routes/<int:route_id>/move", methods=["POST"])
@admin_only
def move_reporting_route(route_id: int):
    form = MoveForm()
    if form.validate_on_submit():
        reporting_routes.move_route(route_id, actor=current_user, up=form.direction.data == "up")
    return redirect(url_for("admin.list_reporting_routes"))
