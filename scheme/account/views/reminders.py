from flask import flash, redirect, render_template, url_for

from scheme.account.forms.reminders import ReminderPreferencesForm
from scheme.account.views import bp
from scheme.domain import reminders
from scheme.domain.accounts.tokens import LinkExpired, LinkProblem
from scheme.enums import ReminderKind
from scheme.security import public, rate_limited


# The link in every reminder: it works without signing in, as the signed token says whose
# choices these are.
@bp.route("/reminder-preferences/<token>", methods=["GET", "POST"])
@rate_limited("20 per minute")
@public
def reminder_preferences(token: str):
    try:
        user = reminders.user_for_preferences(token)
    except LinkProblem as problem:
        return render_template("account/reminder_link_problem.html", expired=isinstance(problem, LinkExpired)), 404
    form = ReminderPreferencesForm(data={"kinds": [kind.value for kind in reminders.wanted_kinds(user)]})
    if form.validate_on_submit():
        reminders.choose_reminders(token, {ReminderKind(value) for value in form.kinds.data})
        flash("Your choices are saved", "success")
        return redirect(url_for("account.reminder_preferences", token=token))
    return render_template("account/reminder_preferences.html", form=form, user=user)
