from datetime import date

from flask import Response, abort, current_app, render_template
from flask_login import current_user

from scheme.business.views import bp
from scheme.domain.access import premises_for
from scheme.domain.certificates import lists, printing
from scheme.security import business_only


@bp.route("/premises/<int:premises_id>/certificate")
@business_only
def premises_certificate(premises_id: int):
    premises = premises_for(current_user, premises_id)
    row = lists.current_certificate_rows([premises_id], date.today()).get(premises_id)
    return render_template("business/premises_certificate.html", premises=premises, certificate_row=row)


def _pdf(premises_id: int, kind: str, render) -> Response:
    premises_for(current_user, premises_id)
    certificate = lists.valid_certificate_of(premises_id, date.today())
    if certificate is None:
        abort(404)
    return Response(render(certificate, current_app.config["SCHEME_BASE_URL"]), mimetype="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{certificate.number}-{kind}.pdf"'})


@bp.route("/premises/<int:premises_id>/certificate/sticker.pdf")
@business_only
def download_window_sticker(premises_id: int):
    return _pdf(premises_id, "sticker", printing.sticker_pdf)


@bp.route("/premises/<int:premises_id>/certificate/certificate.pdf")
@business_only
def download_a4_certificate(premises_id: int):
    return _pdf(premises_id, "certificate", printing.certificate_pdf)
