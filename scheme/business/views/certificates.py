from datetime import datetime, timezone

from flask import Response, abort, current_app, flash, redirect, render_template, url_for
from flask_login import current_user

from scheme.business.forms.actions import StickerRemovedForm
from scheme.business.views import bp
from scheme.domain import clock
from scheme.domain.certificates import lifecycle, lists, printing, stickers
from scheme.domain.errors import InvalidState
from scheme.domain.photos import InvalidPhoto, clean_image
from scheme.form_fields import ConfirmForm
from scheme.security import business_only, premises_route, sticker_route


@bp.route("/premises/<int:premises_id>/certificate")
@business_only
@premises_route
def premises_certificate(premises):
    row = lists.current_certificate_rows([premises.id], clock.today()).get(premises.id)
    return render_template("business/premises_certificate.html", premises=premises, certificate_row=row,
                           print_form=ConfirmForm(),
                           base_url=current_app.config["SCHEME_BASE_URL"].rstrip("/"))


def _pdf(premises, kind: str, render) -> Response:
    certificate = lists.valid_certificate_of(premises.id, clock.today())
    if certificate is None:
        abort(404)
    return Response(render(certificate, current_app.config["SCHEME_BASE_URL"]), mimetype="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{certificate.number}-{kind}.pdf"'})


@bp.route("/premises/<int:premises_id>/certificate/sticker.pdf", methods=["POST"])
@business_only
@premises_route
def download_window_sticker(premises):
    # Posted, not fetched: every print is a sticker of its own, with its own serial.
    certificate = lists.valid_certificate_of(premises.id, clock.today())
    if certificate is None or not ConfirmForm().validate_on_submit():
        abort(404)
    printed = stickers.print_sticker(certificate.id, actor=current_user, today=clock.today(),
                                     now=datetime.now(timezone.utc))
    certificate = lifecycle.get_certificate(certificate.id)  # as the print's commit left it, with its premises
    return Response(printing.sticker_pdf(certificate, current_app.config["SCHEME_BASE_URL"], printed.serial),
                    mimetype="application/pdf", headers={
                        "Content-Disposition": f'attachment; filename="{certificate.number}-sticker-{printed.serial}.pdf"'})


@bp.route("/stickers/<int:sticker_id>/taken-down", methods=["GET", "POST"])
@business_only
@sticker_route
def confirm_sticker_removed(sticker, premises):
    form = StickerRemovedForm()
    if form.validate_on_submit():
        try:
            image = clean_image(form.photo.data.read()) if form.photo.data else None
            stickers.confirm_removed(sticker.id, actor=current_user, now=datetime.now(timezone.utc),
                                     today=clock.today(), photo=image)
        except InvalidPhoto as error:
            form.photo.errors.append(str(error))
        except InvalidState as error:
            flash(str(error), "error")
            return redirect(url_for("business.home"))
        else:
            flash(f"Thank you: sticker {sticker.serial} is recorded as taken down", "success")
            return redirect(url_for("business.home"))
    return render_template("business/confirm_sticker_removed.html", form=form, sticker=sticker, premises=premises)


@bp.route("/premises/<int:premises_id>/certificate/certificate.pdf")
@business_only
@premises_route
def download_a4_certificate(premises):
    return _pdf(premises, "certificate", printing.certificate_pdf)
