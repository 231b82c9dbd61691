from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from scheme.domain import clock
from scheme.domain.errors import InvalidState
from scheme.domain.visits import actions
from scheme.officer.forms.actions import VerifyActionForm
from scheme.officer.views import bp
from scheme.security import action_route, staff_only


@bp.route("/actions/<int:action_id>", methods=["GET", "POST"])
@staff_only
@action_route
def verify_action(action):
    form = VerifyActionForm()
    if form.validate_on_submit():
        try:
            actions.verify(current_user, action.id, close=form.decision.data == "close", note=form.note.data or "")
        except InvalidState as error:
            flash(str(error), "error")
        else:
            flash("Action closed" if form.decision.data == "close" else "Action reopened")
        return redirect(url_for("officer.show_premises", premises_id=action.premises_id))
    return render_template("officer/verify_action.html", action=action, form=form, today=clock.today(),
                           is_overdue=actions.is_overdue(action.status, action.due_on, clock.today()))
