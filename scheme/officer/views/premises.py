
from flask import Response, render_template, request, stream_with_context
from flask_login import current_user

from scheme.domain import audit_log, clock
from scheme.domain.csv_safety import csv_lines
from scheme.domain.premises import summary
from scheme.domain.premises.search import SORTS, Filters, areas, find_all, find_page
from scheme.domain.premises.status import PremisesStatus
from scheme.enums import PremisesType
from scheme.ids import coerce_id
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
    return render_template("officer/list_premises.html", filters=filters, page=page, areas=areas(), sorts=SORTS,
                           statuses=list(PremisesStatus), types=list(PremisesType), today=clock.today())


@bp.route("/premises.csv")
@staff_only
def export_premises():
    lines = csv_lines(
        ["Name", "Trading name", "Type", "Address", "Postcode", "Area", "Status", "Certificate", "Next visit due"],
        ([r.name, r.trading_name, r.premises_type.label, r.address, r.postcode, r.area, r.status.label,
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
