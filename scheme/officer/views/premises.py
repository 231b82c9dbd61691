
from flask import Response, flash, redirect, render_template, request, stream_with_context, url_for
from flask_login import current_user

from scheme.domain import areas, audit_log, clock
from scheme.domain.csv_safety import csv_lines
from scheme.domain.premises import summary
from scheme.domain.premises.search import SORTS, Filters, find_all, find_page, status_choices
from scheme.enums import PremisesType
from scheme.ids import coerce_id
from scheme.officer.forms.premises import PremisesAreaForm
from scheme.officer.views import bp
from scheme.security import premises_route, staff_only


def _filters() -> Filters:
    args = request.args
    sort = args.get("sort", "name")
    return Filters(q=args.get("q", "")[:100], status=args.get("status", ""), premises_type=args.get("type", ""),
                   area=args.get("area", ""), sort=sort if sort in SORTS else "name")


@bp.route("/premises")
@staff_only
def list_premises():
    filters = _filters()
    page = find_page(filters, request.args.get("page", 1, type=coerce_id), clock.today())
    return render_template("officer/list_premises.html", filters=filters, page=page, areas=areas.names_in_use(), sorts=SORTS,
                           statuses=status_choices(), types=list(PremisesType), today=clock.today())


@bp.route("/premises.csv")
@staff_only
def export_premises():
    lines = csv_lines(
        ["Name", "Trading name", "Type", "Address", "Postcode", "Area", "Status", "Certificate", "Next visit due"],
        ([r.name, r.trading_name, r.premises_type.label, r.address, r.postcode, r.area, r.status_label,
          r.certificate_number or "", r.next_visit_due_on.isoformat() if r.next_visit_due_on else ""]
         for r in find_all(_filters(), clock.today())),
    )
    audit_log.record_read(current_user, "premises.exported", premises_id=None)
    # Streamed as the rows are read: the whole scheme never sits in memory at once.
    return Response(stream_with_context(lines), mimetype="text/csv",
                    headers={"Content-Disposition": 'attachment; filename="premises.csv"'})


@bp.route("/premises/<int:premises_id>")
@staff_only
@premises_route
def show_premises(premises):
    today = clock.today()
    return render_template("officer/show_premises.html", premises=premises,
                           summary=summary.summary(premises, today), today=today)


@bp.route("/premises/<int:premises_id>/area", methods=["GET", "POST"])
@staff_only
@premises_route
def change_premises_area(premises):
    form = PremisesAreaForm(areas.choices(including=[premises.area_id]), data={"area": premises.area_id})
    if form.validate_on_submit():
        areas.move_premises(premises.id, form.area.data, actor=current_user)
        flash("Area saved", "success")
        return redirect(url_for("officer.show_premises", premises_id=premises.id))
    return render_template("officer/change_premises_area.html", form=form, premises=premises,
                           suggested=areas.name_of(areas.suggested_for(premises.postcode)))
