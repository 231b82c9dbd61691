from flask import Response, flash, redirect, render_template, request, url_for
from flask_login import current_user

from scheme.domain import audit_log, clock, settings
from scheme.domain.errors import InvalidState, StaleEdit
from scheme.domain.photos import InvalidPhoto, clean_image
from scheme.domain.visits import audits
from scheme.domain.visits.actions import photo_for
from scheme.enums import Answer
from scheme.form_fields import ConfirmForm
from scheme.ids import parse_id
from scheme.officer.forms.visits import AnswerForm, ConfirmSectionForm, PhotoForm
from scheme.officer.views import bp
from scheme.security import signed_in, staff_only, upload_rate_limited, visit_route


def _answer_form(row) -> AnswerForm:
    return AnswerForm(prefix=f"s{row.standard_id}", formdata=None,
                      data={"answer": row.answer.value if row.answer else None, "note": row.note,
                            "revision": str(row.revision)})


def _render_visit(visit_id, *, bound_form=None, bound_photo_form=None, standard_id=None, conflict=None, status=200,
                  saved=None, confirmed=()):
    """The visit's checklist; a form that failed or clashed is shown as it was posted. What was
    just saved is confirmed beside it, where the officer is looking."""
    page = audits.visit_page(visit_id)
    answer_forms = {row.standard_id: _answer_form(row) for row in page.rows}
    photo_forms = {row.standard_id: PhotoForm(prefix=f"p{row.standard_id}", formdata=None) for row in page.rows}
    if bound_form is not None:
        answer_forms[standard_id] = bound_form
    if bound_photo_form is not None:
        photo_forms[standard_id] = bound_photo_form
    return render_template(
        "officer/show_visit.html", visit=page.visit, premises=page.premises,
        rows=page.rows, answer_forms=answer_forms, photo_forms=photo_forms, conflict=conflict,
        form=bound_form or bound_photo_form, today=clock.today(), open_actions=page.open_actions,
        sections=page.sections(), answered=page.answered, section_form=ConfirmSectionForm(formdata=None),
        saved=saved, confirmed=set(confirmed), focus_id=standard_id,
    ), status


def _saved_from_query() -> tuple[int | None, tuple[str, ...]]:
    return parse_id(request.args.get("saved")), tuple(request.args.get("confirmed", "").split(",")) 


@bp.route("/premises/<int:premises_id>/visits", methods=["POST"])
@staff_only
def start_visit(premises_id: int):
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            visit = audits.start_visit(current_user, premises_id, clock.today())
        except InvalidState as error:
            flash(str(error), "error")
            return redirect(url_for("officer.show_premises", premises_id=premises_id))
        return redirect(url_for("officer.show_visit", visit_id=visit.id))
    return redirect(url_for("officer.show_premises", premises_id=premises_id))


@bp.route("/visits/<int:visit_id>")
@staff_only
@visit_route
def show_visit(visit):
    saved, confirmed = _saved_from_query()
    return _render_visit(visit.id, saved=saved, confirmed=confirmed, standard_id=saved)


@bp.route("/visits/<int:visit_id>/standards/<int:standard_id>", methods=["POST"])
@staff_only
@visit_route
def save_answer(visit, standard_id: int):
    form = AnswerForm(prefix=f"s{standard_id}")
    if not form.validate_on_submit():
        return _render_visit(visit.id, bound_form=form, standard_id=standard_id, status=400)
    try:
        audits.save_answer(current_user, visit.id, standard_id, answer=Answer(form.answer.data), note=form.note.data,
                           based_on_revision=int(form.revision.data))
    except StaleEdit as error:
        # Show both answers; the form keeps this officer's answer, now based on the newer revision.
        mine = {"answer": Answer(form.answer.data), "note": form.note.data}
        form.revision.data = str(error.current.revision)
        form.answer.errors = [*form.answer.errors, "Someone else saved this answer while you were editing: check both answers"]
        form._errors = None  # recompute the summary with the clash in it
        return _render_visit(visit.id, bound_form=form, standard_id=standard_id, status=409,
                             conflict={"standard_id": standard_id, "theirs": error.current, "mine": mine})
    except InvalidState as error:
        flash(str(error), "error")
        return redirect(url_for("officer.show_visit", visit_id=visit.id))
    # Confirmed beside the standard just saved, not in a banner at the top, far off a phone's screen.
    return redirect(url_for("officer.show_visit", visit_id=visit.id, saved=standard_id, _anchor=f"standard-{standard_id}"))


@bp.route("/visits/<int:visit_id>/confirm-section", methods=["POST"])
@staff_only
@visit_route
def confirm_section(visit):
    form = ConfirmSectionForm()
    if not form.validate_on_submit():
        flash("Reload the page and try again", "error")
        return redirect(url_for("officer.show_visit", visit_id=visit.id))
    section = audits.Section(form.section.data)
    try:
        codes = audits.confirm_section(current_user, visit.id, section)
    except InvalidState as error:
        flash(str(error), "error")
        return redirect(url_for("officer.show_visit", visit_id=visit.id, _anchor=f"section-{section.value}"))
    return redirect(url_for("officer.show_visit", visit_id=visit.id, confirmed=",".join(codes),
                            _anchor=f"section-{section.value}"))


@bp.route("/visits/<int:visit_id>/standards/<int:standard_id>/photos", methods=["POST"])
@upload_rate_limited
@staff_only
@visit_route
def upload_answer_photo(visit, standard_id: int):
    form = PhotoForm(prefix=f"p{standard_id}")
    if form.validate_on_submit():
        try:
            audits.add_answer_photo(current_user, visit.id, standard_id, clean_image(form.photo.data.read()))
        except InvalidPhoto as error:
            form.photo.errors.append(str(error))
        except InvalidState as error:
            flash(str(error), "error")
            return redirect(url_for("officer.show_visit", visit_id=visit.id))
        else:
            flash("Photo added")
            return redirect(url_for("officer.show_visit", visit_id=visit.id, _anchor=f"standard-{standard_id}"))
    return _render_visit(visit.id, bound_photo_form=form, standard_id=standard_id, status=400)


@bp.route("/visits/<int:visit_id>/finish", methods=["GET", "POST"])
@staff_only
@visit_route
def finish_visit(visit):
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            visit = audits.finish_visit(current_user, visit.id, settings.load())
        except InvalidState as error:
            flash(str(error), "error")
            return redirect(url_for("officer.show_visit", visit_id=visit.id))
        flash(f"Visit finished: {visit.outcome.label.lower()}")
        return redirect(url_for("officer.show_visit", visit_id=visit.id))
    rows = audits.checklist(visit)
    return render_template("officer/finish_visit.html", visit=visit, rows=rows, form=form,
                           reasons=audits.why_not_finishable(audits.findings_of(rows)))


@bp.route("/photos/<int:photo_id>")
@signed_in
def show_photo(photo_id: int):
    photo = photo_for(current_user, photo_id)
    response = Response(photo.content, mimetype=photo.content_type,
                        headers={"Cache-Control": "private, max-age=3600", "X-Content-Type-Options": "nosniff"})
    audit_log.record_read(current_user, "visit.photo_viewed", premises_id=None, subject=f"photo:{photo_id}")
    return response
