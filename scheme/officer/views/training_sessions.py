"""Scheme training sessions and their registers; approving equivalent courses; the lapsed queue."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from scheme.domain import clock
from scheme.domain.errors import DomainError
from scheme.domain import areas
from scheme.domain.premises import work_queues
from scheme.domain.training import (
    records,
    sessions,
    kept_trained_staff_figures,
)
from scheme.domain.training.common import active_modules
from scheme.enums import JobRole
from scheme.form_fields import ConfirmForm
from scheme.ids import coerce_id, parse_id
from scheme.officer.forms.training_sessions import (
    RegisterForm,
    RejectForm,
    TrainingSessionForm,
)
from scheme.officer.views import bp
from scheme.security import staff_only


@bp.route("/training-sessions")
@staff_only
def training_sessions():
    return render_template("officer/training_sessions.html", sessions=sessions.all_sessions())


@bp.route("/training-sessions/new", methods=["GET", "POST"])
@staff_only
def add_training_session():
    form = TrainingSessionForm(modules=active_modules())
    if form.validate_on_submit():
        try:
            created = sessions.add_session(current_user, sessions.SessionDetails(
                form.module_id.data, form.held_on.data, form.place.data, form.trainer.data))
        except DomainError as error:
            form.module_id.errors = [*form.module_id.errors, str(error)]
        else:
            flash("Session added: now add the attendees")
            return redirect(url_for("officer.training_session", session_id=created.id))
    return render_template("officer/add_training_session.html", form=form)


@bp.route("/training-sessions/<int:session_id>", methods=["GET", "POST"])
@staff_only
def training_session(session_id: int):
    target = sessions.session(session_id)  # a session that does not exist is 404 before its form is read
    search = request.args.get("q", "")[:100]
    # A closed register takes no one; an open one offers the people the officer searched for.
    groups = sessions.candidates(session_id, search) if target.closed_at is None else []
    form = RegisterForm(premises_choices=[premises for premises, _people in groups])
    if form.validate_on_submit():
        new_people = [
            sessions.NewAttendee(entry.form.premises_id.data, entry.form.name.data, JobRole(entry.form.job_role.data))
            for entry in form.new_people if entry.form.name.data
        ]
        try:
            added = sessions.add_attendees(current_user, session_id, form.staff_ids.data, new_people, clock.today())
        except (DomainError, ValueError) as error:
            form.staff_ids.errors = [*form.staff_ids.errors, str(error)]
        else:
            flash(f"{added} added to the register")
            return redirect(url_for("officer.training_session", session_id=session_id))
    return render_template("officer/training_session.html", session=sessions.session(session_id),
                           register=sessions.register_of(session_id), groups=groups, search=search, form=form,
                           most_premises=sessions.CANDIDATE_PREMISES, confirm=ConfirmForm(), today=clock.today())


@bp.route("/training-sessions/<int:session_id>/attendees/<int:staff_id>/remove", methods=["POST"])
@staff_only
def remove_session_attendee(session_id: int, staff_id: int):
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        sessions.remove_attendee(current_user, session_id, staff_id)
    except DomainError as error:
        flash(str(error), "error")
    return redirect(url_for("officer.training_session", session_id=session_id))


@bp.route("/training-sessions/<int:session_id>/close", methods=["POST"])
@staff_only
def close_training_register(session_id: int):
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        recorded = sessions.close_register(current_user, session_id, clock.today())
    except DomainError as error:
        flash(str(error), "error")
    else:
        flash(f"Register closed: training recorded for {recorded} people")
    return redirect(url_for("officer.training_session", session_id=session_id))


@bp.route("/training-approvals")
@staff_only
def training_approvals():
    # ?premises=N: only that premises' records (linked from an issue page that training blocks).
    premises_id = parse_id(request.args.get("premises"))
    return render_template("officer/training_approvals.html", premises_id=premises_id,
                           pending=records.pending_approvals_page(request.args.get("page", 1, type=coerce_id),
                                                                  premises_id),
                           confirm=ConfirmForm())


@bp.route("/training-approvals/<int:record_id>/approve", methods=["POST"])
@staff_only
def approve_training_record(record_id: int):
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        records.approve_equivalent(current_user, record_id)
    except DomainError as error:
        flash(str(error), "error")
    else:
        flash("Training approved: it now counts")
    return redirect(url_for("officer.training_approvals"))


@bp.route("/training-approvals/<int:record_id>/refuse", methods=["GET", "POST"])
@staff_only
def refuse_training_record(record_id: int):
    form = RejectForm()
    if form.validate_on_submit():
        records.reject_equivalent(current_user, record_id, form.reason.data)
        flash("Training refused and removed")
        return redirect(url_for("officer.training_approvals"))
    return render_template("officer/refuse_training_record.html", record=records.pending_record(record_id), form=form)


@bp.route("/training-lapsed")
@staff_only
def lapsed_training():
    today = clock.today()
    trained, total = kept_trained_staff_figures(today)
    queue = work_queues.queue_named("training", today, area=request.args.get("area", "")[:100],
                                    page=request.args.get("page", 1, type=coerce_id))
    return render_template("officer/lapsed_training.html", queue=queue, areas=areas.names_in_use(),
                           trained=trained, total=total)
