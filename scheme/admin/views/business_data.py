"""What the service holds about one business: a copy for the business, and erasing its account."""

from flask import Response, flash, redirect, render_template, url_for
from flask_login import current_user

from scheme.admin.forms.business_data import EraseBusinessForm
from scheme.admin.views import bp
from scheme.domain import clock
from scheme.domain.errors import InvalidState
from scheme.domain.personal_data import business_data
from scheme.security import admin_only, premises_route


@bp.route("/premises/<int:premises_id>/data")
@admin_only
@premises_route
def business_data_held(premises):
    return render_template("admin/business_data_held.html", premises=premises, form=EraseBusinessForm())


@bp.route("/premises/<int:premises_id>/data.zip")
@admin_only
@premises_route
def export_business_data(premises):
    today = clock.today()
    archive = business_data.export_zip(current_user, premises.id, today)
    return Response(archive, mimetype="application/zip", headers={
        "Content-Disposition": f'attachment; filename="premises-{premises.id}-data-{today.isoformat()}.zip"',
        "Cache-Control": "private, no-store",
    })


@bp.route("/premises/<int:premises_id>/erase", methods=["POST"])
@admin_only
@premises_route
def erase_business(premises):
    form = EraseBusinessForm()
    if form.validate_on_submit():
        try:
            business_data.erase_business(current_user, premises.id, clock.today())
        except InvalidState as error:
            flash(str(error), "error")
        else:
            flash("The business's account has been erased")
        return redirect(url_for("admin.business_data_held", premises_id=premises.id))
    return render_template("admin/business_data_held.html", premises=premises, form=form)
