"""Figures for the partnership board: the scheme now (the API's statistics) and month by month."""

from flask import Response, render_template, request

from scheme.domain import clock
from scheme.domain.csv_safety import csv_text
from scheme.domain.register import statistics
from scheme.domain.register.entries import areas_known
from scheme.enums import PremisesType
from scheme.officer.views import bp
from scheme.security import staff_only


def _scope(areas: list[str]) -> statistics.Scope:
    area = request.args.get("area", "")
    premises_type = request.args.get("type", "")
    return statistics.Scope(area=area if area in areas else "",
                            premises_type=PremisesType(premises_type) if premises_type in set(PremisesType) else None)


@bp.route("/figures")
@staff_only
def show_figures():
    today = clock.today()
    areas = areas_known()
    scope = _scope(areas)
    now, months = statistics.figures_page(today, 12, scope)
    return render_template("officer/show_figures.html", scope=scope, areas=areas, types=list(PremisesType),
                           now=now, months=months, state=statistics.State)


@bp.route("/figures.csv")
@staff_only
def export_figures():
    today = clock.today()
    scopes = ([statistics.Scope()] + [statistics.Scope(area=area) for area in areas_known()]
              + [statistics.Scope(premises_type=t) for t in PremisesType])
    header = ["month", "area", "premises_type", *[f"premises_{s.value}" for s in statistics.State], "staff_trained",
              "staff_active", "test_visits", "test_visits_passed", "test_visit_pass_rate", "scans"]
    rows = []
    for scope, months in statistics.month_by_month_for(scopes, today, 12):
        for figures in reversed(months):
            rows.append([figures.since.strftime("%Y-%m"), scope.area or "all",
                         scope.premises_type.value if scope.premises_type else "all",
                         *[figures.by_state[s] for s in statistics.State], figures.staff_trained, figures.staff_active,
                         figures.test_visits, figures.test_visits_passed,
                         "" if figures.test_visit_pass_rate is None else figures.test_visit_pass_rate, figures.scans])
    return Response(csv_text(header, rows), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="figures-{today.isoformat()}.csv"'})
