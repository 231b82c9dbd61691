from datetime import datetime, timezone

from flask import Response, flash, redirect, render_template, url_for
from flask_login import current_user

from scheme.domain import clock
from scheme.domain.certificates import sticker_reports, stickers
from scheme.domain.errors import DomainError
from scheme.enums import StickerStatus
from scheme.officer.forms.certificates import StickerFateForm
from scheme.officer.views import bp
from scheme.security import staff_only, sticker_route


@bp.route("/stickers/<int:sticker_id>", methods=["GET", "POST"])
@staff_only
@sticker_route
def record_sticker_fate(sticker, premises):
    form = StickerFateForm()
    if form.validate_on_submit():
        try:
            stickers.record_sticker_fate(sticker.id, actor=current_user, status=StickerStatus(form.fate.data),
                                         now=datetime.now(timezone.utc))
        except DomainError as error:
            flash(str(error), "error")
        else:
            flash(f"Sticker {sticker.serial} of {sticker.certificate.number} recorded as "
                  f"{StickerStatus(form.fate.data).label.lower()}", "success")
        return redirect(url_for("officer.premises_certificates", premises_id=premises.id))
    return render_template("officer/record_sticker_fate.html", form=form, sticker=sticker, premises=premises)


@bp.route("/stickers/<int:sticker_id>/photo")
@staff_only
@sticker_route
def sticker_removal_photo(sticker):
    photo = stickers.removal_photo(current_user, sticker.id)
    return Response(photo.content, mimetype=photo.content_type)


@bp.route("/stickers/to-take-down")
@staff_only
def stickers_to_remove():
    today = clock.today()
    return render_template("officer/stickers_to_remove.html", to_remove=stickers.stickers_to_remove(today),
                           flagged=stickers.flagged_scans(today))


@bp.route("/stickers/reports")
@staff_only
def sticker_reports_queue():
    return render_template("officer/sticker_reports_queue.html",
                           reported=sticker_reports.reported_stickers(clock.today()),
                           reasons=list(sticker_reports.StickerReportReason))
