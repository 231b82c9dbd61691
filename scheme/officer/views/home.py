
from flask import render_template, request

from scheme.domain import clock
from scheme.domain.areas import names_in_use
from scheme.domain.certificates import sticker_reports, stickers
from scheme.domain.premises.work_queues import outcome_figures, queue_named, work_queues
from scheme.ids import coerce_id
from scheme.officer.views import bp
from scheme.security import staff_only


@bp.route("/")
@staff_only
def home():
    today = clock.today()
    return render_template("officer/home.html", queues=work_queues(today), figures=outcome_figures(today), today=today,
                           flagged=stickers.flagged_scans(today)[:10], to_remove=stickers.count_stickers_to_remove(today),
                           reported=len(sticker_reports.reported_stickers(today)))


@bp.route("/queues/<key>")
@staff_only
def show_queue(key: str):
    today = clock.today()
    queue = queue_named(key, today, area=request.args.get("area", "")[:100], page=request.args.get("page", 1, type=coerce_id))
    return render_template("officer/show_queue.html", queue=queue, areas=names_in_use(), today=today)
