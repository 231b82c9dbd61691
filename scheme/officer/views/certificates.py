from datetime import datetime, timezone

from flask import (
    Response,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from flask_login import current_user

from scheme.domain import clock
from scheme.domain.certificates import lifecycle, lists, printing, stickers
from scheme.domain.certificates.state import CertificateState
from scheme.domain.dates import in_words
from scheme.domain.errors import DomainError
from scheme.domain.training import records
from scheme.form_fields import ConfirmForm
from scheme.ids import coerce_id
from scheme.officer.forms.certificates import PrintAreaForm, ReasonForm
from scheme.officer.views import bp
from scheme.security import certificate_route, premises_route, staff_only


def _base_url() -> str:
    return current_app.config["SCHEME_BASE_URL"]


def _back_to_premises(premises_id: int):
    return redirect(url_for("officer.premises_certificates", premises_id=premises_id))


@bp.route("/premises/<int:premises_id>/certificates")
@staff_only
@premises_route
def premises_certificates(premises):
    today = clock.today()
    rows = lists.certificate_rows(premises.id, today)
    return render_template("officer/premises_certificates.html", premises=premises, rows=rows, today=today,
                           stickers=stickers.sticker_rows([row.certificate for row in rows], today),
                           CertificateState=CertificateState, print_form=ConfirmForm())


@bp.route("/premises/<int:premises_id>/certificates/issue", methods=["GET", "POST"])
@staff_only
@premises_route
def issue_certificate(premises):
    today = clock.today()
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            certificate = lifecycle.issue_certificate(premises.id, actor=current_user, today=today,
                                                         base_url=_base_url())
        except DomainError as error:
            flash(str(error), "error")
        else:
            flash(f"Certificate {certificate.number} issued, valid until {in_words(certificate.expires_on)}", "success")
            return _back_to_premises(premises.id)
    return render_template("officer/issue_certificate.html", form=form, premises=premises,
                           eligibility=lifecycle.eligibility(premises, today),
                           waiting_approval=len(records.pending_approvals(premises.id)))


def _certificate_action(certificate, template: str, form, act, done: str):
    if form.validate_on_submit():
        try:
            act(certificate, form)
        except DomainError as error:
            flash(str(error), "error")
            certificate = lifecycle.get_certificate(certificate.id)  # as it is now, after the rollback
        else:
            flash(done.format(number=certificate.number), "success")
            return _back_to_premises(certificate.premises_id)
    return render_template(template, form=form, certificate=certificate, premises=certificate.premises)


@bp.route("/certificates/<int:certificate_id>/suspend", methods=["GET", "POST"])
@staff_only
@certificate_route
def suspend_certificate(certificate):
    return _certificate_action(
        certificate, "officer/suspend_certificate.html", ReasonForm(),
        lambda c, form: lifecycle.suspend_certificate(c.id, actor=current_user, reason=form.reason.data,
                                                         today=clock.today()),
        "Certificate {number} suspended. The business has been emailed what to do.")


@bp.route("/certificates/<int:certificate_id>/reinstate", methods=["GET", "POST"])
@staff_only
@certificate_route
def reinstate_certificate(certificate):
    return _certificate_action(
        certificate, "officer/reinstate_certificate.html", ConfirmForm(),
        lambda c, form: lifecycle.reinstate_certificate(c.id, actor=current_user, today=clock.today()),
        "Certificate {number} reinstated")


@bp.route("/certificates/<int:certificate_id>/revoke", methods=["GET", "POST"])
@staff_only
@certificate_route
def revoke_certificate(certificate):
    return _certificate_action(
        certificate, "officer/revoke_certificate.html", ReasonForm(),
        lambda c, form: lifecycle.revoke_certificate(c.id, actor=current_user, reason=form.reason.data),
        "Certificate {number} revoked")


@bp.route("/certificates/<int:certificate_id>/renew", methods=["GET", "POST"])
@staff_only
@certificate_route
def renew_certificate(certificate):
    return _certificate_action(
        certificate, "officer/renew_certificate.html", ConfirmForm(),
        lambda c, form: lifecycle.renew_certificate(c.id, actor=current_user, today=clock.today(),
                                                       base_url=_base_url()),
        "Certificate {number} renewed: the new certificate replaces it")


def _sticker_pdf(certificate, printed: stickers.Printed) -> Response:
    certificate = lifecycle.get_certificate(certificate.id)  # as the print's commit left it, with its premises
    return Response(printing.sticker_pdf(certificate, _base_url(), printed.serial), mimetype="application/pdf",
                    headers={"Content-Disposition":
                             f'attachment; filename="{certificate.number}-sticker-{printed.serial}.pdf"'})


@bp.route("/certificates/<int:certificate_id>/replacement-sticker", methods=["GET", "POST"])
@staff_only
@certificate_route
def replace_sticker(certificate):
    # The new sticker's PDF is the answer to the post: each print is a sticker of its own, so
    # there is nothing to download again later.
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            printed = stickers.print_replacement(certificate.id, actor=current_user, today=clock.today(),
                                                 now=datetime.now(timezone.utc))
        except DomainError as error:
            flash(str(error), "error")
            return _back_to_premises(certificate.premises_id)
        return _sticker_pdf(certificate, printed)
    return render_template("officer/replace_sticker.html", form=form, certificate=certificate,
                           premises=certificate.premises)


@bp.route("/certificates/<int:certificate_id>/stickers", methods=["POST"])
@staff_only
@certificate_route
def print_sticker(certificate):
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            printed = stickers.print_sticker(certificate.id, actor=current_user, today=clock.today(),
                                             now=datetime.now(timezone.utc))
        except DomainError as error:
            flash(str(error), "error")
        else:
            return _sticker_pdf(certificate, printed)
    return _back_to_premises(certificate.premises_id)


@bp.route("/certificates/<int:certificate_id>/certificate.pdf")
@staff_only
@certificate_route
def download_certificate(certificate):
    return Response(printing.certificate_pdf(certificate, _base_url()), mimetype="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="{certificate.number}-certificate.pdf"'})


@bp.route("/certificates/print", methods=["GET", "POST"])
@staff_only
def print_certificates():
    today = clock.today()
    areas = lists.areas_with_valid_certificates(today)
    form = PrintAreaForm(areas)
    if form.validate_on_submit():
        area_id = form.area.data
        area = next(choice.name for choice in areas if choice.id == area_id)
        try:
            printed = stickers.print_area(area_id, actor=current_user, today=today, now=datetime.now(timezone.utc))
        except DomainError as error:
            flash(str(error), "error")
            return redirect(url_for("officer.print_certificates"))
        serials = {item.certificate_id: item.serial for item in printed}
        chunks = printing.batch_zip(lists.valid_certificates_in_area(area_id, today), serials, _base_url())
        filename = "".join(ch for ch in area if ch.isalnum() or ch in " -").strip().replace(" ", "-") or "area"
        return Response(stream_with_context(chunks), mimetype="application/zip", headers={
            "Content-Disposition": f'attachment; filename="certificates-{filename}.zip"'})
    return render_template("officer/print_certificates.html", form=form, areas=areas)


@bp.route("/certificates/scans")
@staff_only
def certificate_scans():
    return render_template("officer/certificate_scans.html",
                           scans=lists.suspicious_scans(clock.today(), request.args.get("page", 1, type=coerce_id)))
