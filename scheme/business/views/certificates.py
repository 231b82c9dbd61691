from datetime import date

from flask import Response, abort, current_app, render_template

from scheme.business.views import bp
from scheme.domain.certificates import lists, printing
from scheme.security import business_only, premises_route


@bp.route("/premises/<int:premises_id>/certificate")
@business_only
@premises_route
def premises_certificate(premises):
    row = lists.current_certificate_rows([premises.id], date.today()).get(premises.id)
    return render_template("business/premises_certificate.html", premises=premises, certificate_row=row)


def _pdf(premises, kind: str, render) -> Response:
    certificate = lists.valid_certificate_of(premises.id, date.today())
    if certificate is None:
        abort(404)
    return Response(render(certificate, current_app.config["SCHEME_BASE_URL"]), mimetype="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{certificate.number}-{kind}.pdf"'})


@bp.route("/premises/<int:premises_id>/certificate/sticker.pdf")
@business_only
@premises_route
def download_window_sticker(premises):
    return _pdf(premises, "sticker", printing.sticker_pdf)


@bp.route("/premises/<int:premises_id>/certificate/certificate.pdf")
@business_only
@premises_route
def download_a4_certificate(premises):
    return _pdf(premises, "certificate", printing.certificate_pdf)
