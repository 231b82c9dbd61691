from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from scheme.business.forms.actions import ActionDoneForm
from scheme.business.views import bp
from scheme.domain import clock
from scheme.domain.errors import InvalidState
from scheme.domain.photos import InvalidPhoto, clean_image
from scheme.domain.visits import actions
from scheme.security import action_route, business_only, premises_route, upload_rate_limited


@bp.route("/premises/<int:premises_id>/actions")
@business_only
@premises_route
def premises_actions(premises):
    return render_template("business/premises_actions.html", premises=premises,
                           actions=actions.actions_for_premises(premises.id), today=clock.today(),
                           is_overdue=actions.is_overdue)


@bp.route("/actions/<int:action_id>/done", methods=["GET", "POST"])
@upload_rate_limited
@business_only
@action_route
def mark_action_done(action, premises):
    form = ActionDoneForm()
    if form.validate_on_submit():
        try:
            image = clean_image(form.photo.data.read()) if form.photo.data else None
            actions.mark_done(current_user, action.id, form.note.data, image)
        except InvalidPhoto as error:
            form.photo.errors.append(str(error))
        except InvalidState as error:
            flash(str(error), "error")
            return redirect(url_for("business.premises_actions", premises_id=action.premises_id))
        else:
            flash("Thank you: an officer will check the action and close it")
            return redirect(url_for("business.premises_actions", premises_id=action.premises_id))
    return render_template("business/mark_action_done.html", action=action, form=form, premises=premises)
